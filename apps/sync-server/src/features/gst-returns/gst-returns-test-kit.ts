import {
  type Bill,
  type BillLineInput,
  type Sale,
  type SaleBuyer,
  gstinCheckCharacter,
} from '@kiryana/shared';
import { Ajv } from 'ajv';
import { billLine, paidBill, saleOfBill } from '../../testing/sync-fixtures';
import { deviceFetcher } from '../../testing/sync-test-app';
import { syncApi } from '../../testing/sync-api';
import type { AdminTestApp } from '../admin-api/admin-test-kit';

/**
 * Sales of the GST return tests, computed by the shared `computeBill` as a terminal computes them
 * and pushed through the real sync push path, so the returns read what production stores.
 */

/** A GSTIN with its check character computed (the push path checks buyer GSTINs). */
export function gstinOf(first14: string): string {
  return `${first14}${gstinCheckCharacter(first14) ?? '?'}`;
}

/** A bill paid exactly its payable in cash; `refund` for a return (the first against its sale). */
export function bill(
  lines: readonly BillLineInput[],
  supplyType: 'intra' | 'inter',
  refund?: { paidMinor: number },
): Bill {
  return paidBill(
    lines,
    refund ? { ...refund, returnedNetMinor: 0, refundedMinor: 0, isLastReturn: false } : undefined,
    supplyType,
  );
}

/** A line of `qty` × product at a price (paise), at a GST rate and HSN. */
export function item(
  productId: string,
  qty: number,
  priceMinor: number,
  rateBp = 500,
  hsn = '1905',
): BillLineInput {
  return { ...billLine(productId, qty, priceMinor), gstRateBp: rateBp, hsn };
}

/** A sale document of a bill on a date, with a buyer (v2) or none. */
export function saleOn(
  storeId: string,
  date: string,
  invoiceNo: string,
  computed: Bill,
  extra: Partial<Sale> & { buyer?: SaleBuyer | null } = {},
): Sale {
  return saleOfBill(storeId, computed, {
    businessDate: date,
    createdAt: `${date}T06:30:00.000Z`,
    invoiceNo,
    ...extra,
  });
}

/** The credit note of `lines` of `original` (same buyer, place of supply and kind). */
export function returnOf(
  original: Sale,
  date: string,
  invoiceNo: string,
  lines: readonly BillLineInput[],
): Sale {
  const computed = bill(lines, original.supplyType, { paidMinor: original.totals.totalMinor });
  return saleOn(original.storeId, date, invoiceNo, computed, {
    kind: 'return',
    originalSaleId: original.id,
    ...(original.buyer !== undefined ? { buyer: original.buyer } : {}),
    ...(original.placeOfSupply !== undefined ? { placeOfSupply: original.placeOfSupply } : {}),
    ...(original.invoiceKind !== undefined ? { invoiceKind: original.invoiceKind } : {}),
  });
}

/** Pushes documents as the store's terminal; throws unless every one is stored. */
export async function push(
  t: AdminTestApp,
  storeId: 's1a' | 's1b' | 's2a',
  docs: Sale[],
): Promise<void> {
  const api = syncApi(deviceFetcher(t.app, t.devices[storeId]));
  const pushed = await api.push(
    'sales',
    docs.map((d) => ({ newDocumentState: d })),
  );
  if (pushed.status !== 200 || JSON.stringify(pushed.body) !== '[]') {
    throw new Error(`push failed: ${String(pushed.status)} ${JSON.stringify(pushed.body)}`);
  }
  const stored = await t.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM sales WHERE id = ANY($1::uuid[])',
    [docs.map((d) => d.id)],
  );
  if (stored.rows[0]?.n !== docs.length) throw new Error('a pushed sale was quarantined');
}

/** A validator of a JSON Schema (draft-07). */
export function validatorOf(schema: object): (data: unknown) => string[] {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return (data) => {
    validate(data);
    return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  };
}

/** Rupees of the JSON back to paise (tests only: the JSON holds at most two decimals). */
export function paiseOf(rupees: number | undefined): number {
  return Math.round((rupees ?? 0) * 100);
}
