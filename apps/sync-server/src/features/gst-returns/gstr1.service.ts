import type { gstinListSchema } from '@kiryana/shared';
import { AppError, type Gstr1Result, type ScopeFilter, buildGstr1 } from '@kiryana/shared';
import type { z } from 'zod';
import type { Queryable } from '../../db/db';
import {
  type GstStoreRow,
  gstStores,
  salesById,
  salesOfMonth,
  unitsOf,
} from './gst-returns.queries';

/**
 * GSTINs and their GSTR-1 for the admin API. A GSTIN is a legal person's registration in one
 * state, so a region's manager may read it only when every store under it is in reach: a return
 * of some of its stores would be a wrong return, not a smaller one.
 */

function inScope(filter: ScopeFilter, store: GstStoreRow): boolean {
  return (
    filter.all || filter.storeIds.includes(store.id) || filter.regionIds.includes(store.regionId)
  );
}

/** The GSTINs whose stores are all in reach, with their stores. */
export async function gstinsInReach(
  q: Queryable,
  filter: ScopeFilter,
): Promise<z.infer<typeof gstinListSchema>> {
  const byGstin = new Map<string, GstStoreRow[]>();
  for (const store of await gstStores(q)) {
    byGstin.set(store.gstin, [...(byGstin.get(store.gstin) ?? []), store]);
  }
  const gstins = [...byGstin.entries()]
    .filter(([, stores]) => stores.every((s) => inScope(filter, s)))
    .map(([gstin, stores]) => ({
      gstin,
      stateCode: stores[0]?.stateCode ?? gstin.slice(0, 2),
      legalName: stores.find((s) => s.legalName !== '')?.legalName ?? stores[0]?.nameEn ?? '',
      // Composition and e-invoicing are the GSTIN's; a store disagreeing is a data error that
      // the stores admin refuses, so any store saying so decides.
      composition: stores.some((s) => s.composition),
      einvoicing: stores.some((s) => s.einvoicing),
      storeIds: stores.map((s) => s.id),
    }));
  return { gstins };
}

/** The stores of a GSTIN the reader may file for: 404 when none, 403 when one is out of reach. */
async function storesOfGstin(
  q: Queryable,
  filter: ScopeFilter,
  gstin: string,
): Promise<GstStoreRow[]> {
  const stores = await gstStores(q, gstin);
  if (stores.length === 0)
    throw new AppError('NOT_FOUND', 'No store is registered under this GSTIN.');
  if (!stores.every((s) => inScope(filter, s))) {
    throw new AppError('FORBIDDEN', 'Some stores of this GSTIN are out of your reach.', {
      permission: 'reports:read',
    });
  }
  return stores;
}

/** First and last day of a `YYYY-MM` month. */
function monthBounds(period: string): { from: string; to: string } {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(days).padStart(2, '0')}` };
}

/** GSTR-1 of a GSTIN for a month. */
export async function gstr1Of(
  q: Queryable,
  filter: ScopeFilter,
  gstin: string,
  period: string,
): Promise<Gstr1Result> {
  const stores = await storesOfGstin(q, filter, gstin);
  const storeIds = stores.map((s) => s.id);
  const { from, to } = monthBounds(period);
  const documents = await salesOfMonth(q, storeIds, from, to);
  const originalIds = [
    ...new Set(
      documents.flatMap((d) => (d.kind === 'return' && d.originalSaleId ? [d.originalSaleId] : [])),
    ),
  ];
  const originals = await salesById(q, storeIds, originalIds);
  const units = await unitsOf(q, [
    ...new Set(documents.flatMap((d) => d.lines.map((l) => l.productId))),
  ]);
  return buildGstr1({
    gstin,
    period,
    stores: stores.map((s) => ({ id: s.id, stateCode: s.stateCode, composition: s.composition })),
    documents,
    originals,
    unitOf: (productId) => units.get(productId) ?? 'piece',
  });
}
