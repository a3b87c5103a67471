import { randomFillSync } from 'node:crypto';
import {
  type Bill,
  type BillInput,
  type BillLineInput,
  SALE_SCHEMA_VERSION,
  STOCK_MOVEMENT_SCHEMA_VERSION,
  type Sale,
  type SaleLine,
  type StockMovement,
  computeBill,
  createUuidV7Generator,
} from '@kiryana/shared';
import type { Queryable } from '../db/db';

/**
 * Test data for the sync suites: a small chain of regions, stores and products, and factories of
 * sale and movement documents that keep every business rule (so a test breaks exactly one). A
 * sale is made here by hand (`makeSale`, flat 5 % GST) or from a bill the shared `computeBill`
 * computed (`saleOfBill`), never a third way.
 */

const nextUuid = createUuidV7Generator({
  clock: { now: () => Date.now() },
  random: (bytes) => randomFillSync(bytes),
});

/** A fresh client-made fact id (UUIDv7). */
export function newFactId(): string {
  return nextUuid();
}

let storeCounter = 0;

/** Inserts a region and its stores (ids as given). */
export async function insertStores(
  q: Queryable,
  regionId: string,
  storeIds: readonly string[],
): Promise<void> {
  await q.query(
    `INSERT INTO regions (id, code, name_en) VALUES ($1, $2, $1) ON CONFLICT (id) DO NOTHING`,
    [
      regionId,
      `R${regionId
        .replace(/[^A-Za-z0-9]/g, '')
        .toUpperCase()
        .slice(0, 6)}`,
    ],
  );
  for (const storeId of storeIds) {
    storeCounter += 1;
    await q.query(
      `INSERT INTO stores (id, code, region_id, name_en, name_hi, gstin, state_code, address)
       VALUES ($1, $2, $3, $4, 'स्टोर', '27AAPFU0939F1ZV', '27', 'Pune')`,
      [storeId, `S${storeCounter.toString(36).toUpperCase()}`, regionId, `Store ${storeId}`],
    );
  }
}

/**
 * Inserts products with the given ids in one statement. Bulk writers take one block of `ref`
 * sequence numbers up front, as the push path does: the per-row seq trigger would update the
 * scope row once per product, and a long chain of versions of one row within one transaction
 * makes each update slower than the last.
 */
export async function insertProducts(q: Queryable, ids: readonly string[]): Promise<void> {
  await q.query(
    `WITH block AS (
       UPDATE sync_scope SET last_seq = last_seq + $2 WHERE scope = 'ref' RETURNING last_seq - $2 AS base
     )
     INSERT INTO products (id, sku, name_en, name_hi, barcodes, hsn, tax_class_id, category, unit,
                           price_basis_qty, mrp_minor, seq)
     SELECT id, left('SKU-' || id, 40), 'Product ' || id, 'उत्पाद', ARRAY['890100000' || lpad(n::text, 4, '0')],
            '1905', 'gst5', 'bakery', 'piece', 1, 5000, block.base + n
       FROM unnest($1::text[]) WITH ORDINALITY AS t(id, n), block`,
    [ids, ids.length],
  );
}

/** A line of a bill; amounts are made consistent by `makeSale`. */
export type LineSpec = { productId: string; qtyBase: number; unitPriceMinor?: number };

/**
 * A sale (or return) document that keeps every rule the server checks: intra-state GST at 5 %
 * split into CGST and SGST, totals the sum of the lines, one cash payment of the total.
 */
export function makeSale(
  storeId: string,
  lines: readonly LineSpec[],
  overrides: Partial<Sale> = {},
): Sale {
  const saleLines: SaleLine[] = lines.map((spec, index) => {
    const unit = spec.unitPriceMinor ?? 4000;
    const gross = unit * spec.qtyBase;
    const taxable = Math.floor((gross * 100) / 105);
    const tax = gross - taxable;
    const cgst = Math.floor(tax / 2);
    return {
      lineNo: index + 1,
      productId: spec.productId,
      name: `Product ${spec.productId}`,
      hsn: '1905',
      qtyBase: spec.qtyBase,
      priceBasisQty: 1,
      unitPriceMinor: unit,
      mrpMinor: 5000,
      discountMinor: 0,
      grossMinor: gross,
      netMinor: gross,
      taxableMinor: taxable,
      cgstMinor: cgst,
      sgstMinor: tax - cgst,
      igstMinor: 0,
      cessMinor: 0,
      gstRateBp: 500,
      cessRateBp: 0,
    };
  });
  const sum = (field: keyof SaleLine) =>
    saleLines.reduce((total, line) => total + (line[field] as number), 0);
  const net = sum('netMinor');
  return saleDocument(
    storeId,
    {
      currency: 'INR',
      supplyType: 'intra',
      lines: saleLines,
      billDiscountMinor: 0,
      taxBreakdown: [],
      totals: {
        grossMinor: sum('grossMinor'),
        discountMinor: 0,
        netMinor: net,
        taxableMinor: sum('taxableMinor'),
        cgstMinor: sum('cgstMinor'),
        sgstMinor: sum('sgstMinor'),
        igstMinor: 0,
        cessMinor: 0,
        roundOffMinor: 0,
        totalMinor: net,
        mrpTotalMinor: 0,
        savingsMinor: 0,
      },
      payments: [
        {
          method: 'cash',
          amountMinor: net,
          tenderedMinor: null,
          changeMinor: null,
          reference: null,
          customerId: null,
        },
      ],
    },
    overrides,
  );
}

/** What a sale document says about the bill itself, apart from who, where and when. */
type SaleContent = Pick<
  Sale,
  'currency' | 'supplyType' | 'lines' | 'billDiscountMinor' | 'taxBreakdown' | 'totals' | 'payments'
>;

/** A sale of terminal T1 on 14 March 2026 with a fresh id and invoice number. */
function saleDocument(storeId: string, content: SaleContent, overrides: Partial<Sale>): Sale {
  return {
    id: newFactId(),
    schemaVersion: SALE_SCHEMA_VERSION,
    kind: 'sale',
    storeId,
    terminalId: 'T1',
    cashierId: null,
    invoiceNo: `T1/25/${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
    originalSaleId: null,
    customerId: null,
    currency: content.currency,
    supplyType: content.supplyType,
    createdAt: '2026-03-14T10:15:00.000Z',
    businessDate: '2026-03-14',
    lines: content.lines,
    billDiscountMinor: content.billDiscountMinor,
    taxBreakdown: content.taxBreakdown,
    totals: content.totals,
    payments: content.payments,
    _deleted: false,
    ...overrides,
  };
}

/**
 * A bill computed by the shared rules (`computeBill`, as the terminal computes it), in rupees,
 * intra-state unless told, paid (or, with `refund`, refunded) exactly its payable in cash.
 */
export function paidBill(
  lines: readonly BillLineInput[],
  refund?: BillInput['refund'],
  supplyType: BillInput['supplyType'] = 'intra',
): Bill {
  const input: BillInput = {
    currency: 'INR',
    supplyType,
    lines,
    billDiscountMinor: 0,
    payments: [],
    allowCredit: true,
    ...(refund ? { refund } : {}),
  };
  // Unpaid, the bill is refused with the payable in the error's details: pay exactly that.
  const unpaid = computeBill(input);
  const payable = unpaid.ok ? 0 : unpaid.errors[0]?.details.payableMinor;
  if (typeof payable !== 'number') throw new Error(JSON.stringify(unpaid));
  const result = computeBill({ ...input, payments: [{ method: 'cash', amountMinor: payable }] });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.bill;
}

/** A bill line of `qtyBase` pieces of `productId` at `unitPriceMinor` (also its MRP), 5 % GST. */
export function billLine(
  productId: string,
  qtyBase: number,
  unitPriceMinor: number,
): BillLineInput {
  return {
    productId,
    name: `Product ${productId}`,
    hsn: '1905',
    qtyBase,
    priceBasisQty: 1,
    unitPriceMinor,
    mrpMinor: unitPriceMinor,
    discountMinor: 0,
    gstRateBp: 500,
    cessRateBp: 0,
  };
}

/** The sale (or, with overrides, return) document of a computed bill, as the terminal pushes it. */
export function saleOfBill(storeId: string, bill: Bill, overrides: Partial<Sale> = {}): Sale {
  return saleDocument(
    storeId,
    {
      currency: bill.currency,
      supplyType: bill.supplyType,
      lines: bill.lines.map((line) => ({ ...line })),
      billDiscountMinor: bill.billDiscountMinor,
      taxBreakdown: bill.taxBreakdown.map((row) => ({ ...row })),
      totals: { ...bill.totals },
      // A sale document carries change for cash only.
      payments: bill.payments.map((p) => ({
        ...p,
        changeMinor: p.method === 'cash' ? p.changeMinor : null,
      })),
    },
    overrides,
  );
}

/** A stock movement pushed by a terminal (a receipt unless overridden). */
export function makeMovement(
  storeId: string,
  productId: string,
  qtyDeltaBase: number,
  overrides: Partial<StockMovement> = {},
): StockMovement {
  return {
    id: newFactId(),
    schemaVersion: STOCK_MOVEMENT_SCHEMA_VERSION,
    storeId,
    productId,
    kind: 'receipt',
    qtyDeltaBase,
    reason: null,
    note: null,
    refId: null,
    unitCostMinor: null,
    supplier: null,
    supplierInvoiceNo: null,
    terminalId: 'T1',
    cashierId: null,
    createdAt: '2026-03-14T09:00:00.000Z',
    _deleted: false,
    ...overrides,
  };
}

/** Push rows as RxDB sends them for new documents. */
export function asPushRows<T>(docs: readonly T[]): { newDocumentState: T }[] {
  return docs.map((doc) => ({ newDocumentState: doc }));
}
