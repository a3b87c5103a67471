import type { Sale } from '@kiryana/shared';
import { SyncHttpError, type NetworkStatus, type SyncApi } from '@kiryana/sync-client';
import type { TerminalDatabase } from '../../db/database';
import { findSaleById, findSaleByInvoiceNo, returnsOf } from '../../db/sales-queries';
import type { Stored } from '../../db/schemas';

/**
 * Finding the bill a customer brings back. This terminal keeps its store's bills for the local
 * history window only (db/local-retention.ts); an older one is fetched from the server with the
 * returns already made against it anywhere in the store (`GET /v1/sync/bill`), so the refund cap
 * counts them as the server will when the credit note is pushed. Offline, an older bill cannot
 * be returned: the terminal cannot know what was refunded on it since.
 */

type SaleDoc = Stored<Sale>;

/** Which bill: its printed number, or its id (a row of the recent list). */
export type BillQuery = { readonly invoiceNo: string } | { readonly id: string };

/** A bill to return against, and the returns already made against it. */
export type FoundBill = {
  readonly sale: SaleDoc;
  readonly earlierReturns: readonly SaleDoc[];
  /** `server`: no longer kept here, fetched from the server. */
  readonly source: 'local' | 'server';
};

/** Why no bill: unknown (here and on the server), a credit note, offline, or no server answer. */
export type FindBillProblem = 'NOT_FOUND' | 'NOT_A_SALE' | 'OFFLINE' | 'UNREACHABLE';

/** What finding a bill needs: the database, the network state and the device's sync API. */
export type FindBillDeps = {
  readonly db: TerminalDatabase;
  readonly network: NetworkStatus;
  readonly api: Pick<SyncApi, 'bill'>;
};

/** A server document as stored locally (RxDB keeps `_deleted` itself). */
function stored(doc: Sale): SaleDoc {
  const { _deleted: _ignored, ...rest } = doc;
  return rest;
}

/** Both lists, each return once: the server's, plus local ones it does not have yet. */
export function mergeReturns(
  server: readonly SaleDoc[],
  local: readonly SaleDoc[],
): readonly SaleDoc[] {
  const ids = new Set(server.map((doc) => doc.id));
  return [...server, ...local.filter((doc) => !ids.has(doc.id))];
}

/**
 * Finds a bill here, or on the server when it is no longer kept here.
 * @example
 * const found = await findBillForReturn(deps, { invoiceNo: 'BLR1T1/26/000042' });
 */
export async function findBillForReturn(
  deps: FindBillDeps,
  query: BillQuery,
): Promise<{ ok: true; bill: FoundBill } | { ok: false; problem: FindBillProblem }> {
  const invoiceNo = 'invoiceNo' in query ? query.invoiceNo.trim().toUpperCase() : undefined;
  if (invoiceNo === '') return { ok: false, problem: 'NOT_FOUND' };
  const local =
    invoiceNo === undefined
      ? await findSaleById(deps.db, 'id' in query ? query.id : '')
      : await findSaleByInvoiceNo(deps.db, invoiceNo);
  if (local !== undefined) {
    if (local.kind !== 'sale') return { ok: false, problem: 'NOT_A_SALE' };
    const earlierReturns = await returnsOf(deps.db, local.id);
    return { ok: true, bill: { sale: local, earlierReturns, source: 'local' } };
  }
  if (!deps.network.isOnline()) return { ok: false, problem: 'OFFLINE' };
  try {
    const answer = await deps.api.bill(invoiceNo === undefined ? query : { invoiceNo });
    const sale = stored(answer.sale);
    const localReturns = await returnsOf(deps.db, sale.id);
    const earlierReturns = mergeReturns(answer.returns.map(stored), localReturns);
    return { ok: true, bill: { sale, earlierReturns, source: 'server' } };
  } catch (error) {
    if (error instanceof SyncHttpError && error.status === 404) {
      return { ok: false, problem: 'NOT_FOUND' };
    }
    // A bad query is refused by the server (400) as no such bill would be.
    if (error instanceof SyncHttpError && error.status === 400) {
      return { ok: false, problem: 'NOT_FOUND' };
    }
    return { ok: false, problem: 'UNREACHABLE' };
  }
}
