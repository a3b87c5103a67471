import type { SyncCollection, SyncState } from '@kiryana/shared';
import type { DevicePrincipal } from '../../auth/principal';
import type { Queryable } from '../../db/db';
import type { PulledRow } from '../../db/pulled-row';
import { pullStockLevels, pullStockMovements } from '../stock/stock.service';
import { type PullStart, checkpointAt, pullStart } from './checkpoint';
import { pullParties } from './parties-pull.queries';
import { pullPrices, pullProducts, pullStores, pullTaxRates } from './ref-pull.queries';
import { pullSales } from './sale.queries';
import { pullWorkflowDocuments } from '../workflow/workflow.service';
import { REF_SCOPE, type ScopeState, readScopes, storeScope } from './scope.queries';

/** Where each collection's rows are numbered and how a page of them is read for a device. */
const PULL_SOURCES: Record<
  SyncCollection,
  {
    readonly scope: 'ref' | 'store';
    readonly page: (
      q: Queryable,
      device: DevicePrincipal,
      afterSeq: string,
      limit: number,
    ) => Promise<PulledRow<object>[]>;
  }
> = {
  products: { scope: 'ref', page: (q, _d, after, limit) => pullProducts(q, after, limit) },
  prices: { scope: 'ref', page: (q, d, after, limit) => pullPrices(q, d, after, limit) },
  'tax-rates': { scope: 'ref', page: (q, _d, after, limit) => pullTaxRates(q, after, limit) },
  stores: { scope: 'ref', page: (q, d, after, limit) => pullStores(q, d.storeId, after, limit) },
  'stock-levels': {
    scope: 'store',
    page: (q, d, after, limit) => pullStockLevels(q, d.storeId, after, limit),
  },
  sales: { scope: 'store', page: (q, d, after, limit) => pullSales(q, d.storeId, after, limit) },
  'stock-movements': {
    scope: 'store',
    page: (q, d, after, limit) => pullStockMovements(q, d.storeId, after, limit),
  },
  // Transfers and POs the store takes part in, and its own steps (features/workflow).
  documents: {
    scope: 'store',
    page: (q, d, after, limit) => pullWorkflowDocuments(q, d.storeId, after, limit),
  },
  // The suppliers linked to the store; numbered in its scope so an unlink reaches it (0610).
  parties: {
    scope: 'store',
    page: (q, d, after, limit) => pullParties(q, d.storeId, after, limit),
  },
};

/** The scope a collection's rows are numbered in, for a device. */
function scopeOf(collection: SyncCollection, device: DevicePrincipal): string {
  return PULL_SOURCES[collection].scope === 'ref' ? REF_SCOPE : storeScope(device.storeId);
}

/**
 * Whether a collection is reference data the chain shares (catalogue, prices, tax rates, stores)
 * rather than a store's own sales and stock: only those pulls may be kept by a client's cache.
 */
export function isReferenceCollection(collection: SyncCollection): boolean {
  return PULL_SOURCES[collection].scope === 'ref';
}

/** A pull page and how its start was decided. */
export type PullPage = {
  readonly documents: object[];
  readonly checkpoint: { v: 1; epoch: string; seq: string };
  readonly restart: PullStart['restart'];
};

/**
 * One page of a collection for a device: rows of its scope with a seq above the checkpoint, in
 * seq order, at most `limit`. The checkpoint answered is that of the last row, or the starting
 * point when the page is empty, so an empty page never moves a client backwards or forwards.
 */
export async function pullPage(
  deps: { readonly db: Queryable },
  device: DevicePrincipal,
  collection: SyncCollection,
  input: { readonly checkpoint?: string | undefined; readonly limit: number },
): Promise<PullPage> {
  const source = PULL_SOURCES[collection];
  const scope = await scopeStateOf(deps.db, device, collection);
  const start = pullStart(input.checkpoint, scope);
  const rows = await source.page(deps.db, device, start.afterSeq, input.limit);
  const last = rows.at(-1);
  return {
    documents: rows.map((row) => row.document),
    checkpoint: checkpointAt(scope.epoch, last ? last.seq : start.afterSeq),
    restart: start.restart,
  };
}

/**
 * The rows of a collection a device may see with a seq above `afterSeq`, one page at a time in
 * seq order (the snapshot streams them; snapshot.service.ts).
 */
export function pageOfCollection(
  collection: SyncCollection,
): (
  q: Queryable,
  device: DevicePrincipal,
  afterSeq: string,
  limit: number,
) => Promise<PulledRow<object>[]> {
  return PULL_SOURCES[collection].page;
}

/** The scope state a device's pull of `collection` is numbered in. */
export async function scopeStateOf(
  q: Queryable,
  device: DevicePrincipal,
  collection: SyncCollection,
): Promise<ScopeState> {
  const [scope] = await readScopes(q, [scopeOf(collection, device)]);
  if (!scope) throw new Error('scope missing');
  return scope;
}

/** The replication state of a device: its scopes' epochs and counters, and the server's clock. */
export async function syncState(
  deps: { readonly db: Queryable; readonly clock: { now(): number } },
  device: DevicePrincipal,
): Promise<SyncState> {
  const scopes = await readScopes(deps.db, [REF_SCOPE, storeScope(device.storeId)]);
  return {
    scopes: scopes.map(({ scope, epoch, lastSeq }) => ({ scope, epoch, lastSeq })),
    serverTime: new Date(deps.clock.now()).toISOString(),
    storeId: device.storeId,
    terminalId: device.deviceId,
  };
}
