import {
  AppError,
  hasSnapshot,
  type SnapshotEnd,
  type SnapshotHeader,
  type SyncCollection,
} from '@kiryana/shared';
import type { DevicePrincipal } from '../../auth/principal';
import type { Queryable } from '../../db/db';
import { checkpointAt } from './checkpoint';
import { pageOfCollection, scopeStateOf } from './pull.service';
import { countSnapshotRows } from './snapshot.queries';

/**
 * A device's snapshot of a pull-only collection (docs/sync.md, "Snapshot"): the same rows, in the
 * same seq order and with the same scope filter as its pull pages, read in large pages and sent
 * as NDJSON lines, ending with the checkpoint of the last row sent.
 *
 * No long transaction is needed for a consistent point, and none is held (PGlite has one
 * connection; a push must not wait behind a terminal's download): sequence numbers become visible
 * in commit order, so the rows above the last one sent are exactly what a pull from the end
 * checkpoint returns. A row changed while the stream runs gets a new seq: it is sent again later in
 * the stream with its new state (the client keeps the last), or pulled after it. Deleted rows are
 * sent as tombstones for the same reason: an earlier line may have carried the row alive.
 */

/** Rows per query: large enough to cost few round trips, small enough to keep memory flat. */
const SNAPSHOT_PAGE = 5_000;

/** A snapshot ready to stream: its header (already read, so errors still get an envelope) and lines. */
export type Snapshot = {
  readonly header: SnapshotHeader;
  /** The document lines, then the end line; each chunk holds whole lines. */
  readonly chunks: AsyncGenerator<string>;
};

/**
 * Opens a snapshot: reads the scope and the row count now, so a failure before the first byte is an
 * ordinary error answer; the chunks read the rows as the client takes them.
 */
export async function openSnapshot(
  deps: { readonly db: Queryable; readonly snapshotPageRows?: number },
  device: DevicePrincipal,
  collection: SyncCollection,
): Promise<Snapshot> {
  if (!hasSnapshot(collection)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${collection} has no snapshot: a terminal's own facts replicate by pull and push.`,
      { collection },
    );
  }
  const scope = await scopeStateOf(deps.db, device, collection);
  const total = await countSnapshotRows(deps.db, device, collection);
  return {
    header: { snapshot: { v: 1, collection, total } },
    chunks: snapshotChunks(deps.db, device, collection, {
      epoch: scope.epoch,
      pageRows: deps.snapshotPageRows ?? SNAPSHOT_PAGE,
    }),
  };
}

async function* snapshotChunks(
  db: Queryable,
  device: DevicePrincipal,
  collection: SyncCollection,
  { epoch, pageRows }: { readonly epoch: string; readonly pageRows: number },
): AsyncGenerator<string> {
  const page = pageOfCollection(collection);
  let afterSeq = '0';
  let count = 0;
  for (;;) {
    const rows = await page(db, device, afterSeq, pageRows);
    if (rows.length > 0) {
      yield rows.map((row) => `${JSON.stringify(row.document)}\n`).join('');
      count += rows.length;
      afterSeq = rows.at(-1)?.seq ?? afterSeq;
    }
    if (rows.length < pageRows) break;
  }
  const end: SnapshotEnd = { end: { checkpoint: checkpointAt(epoch, afterSeq), count } };
  yield `${JSON.stringify(end)}\n`;
}
