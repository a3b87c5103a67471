/**
 * Change feed of a collection table, in two halves:
 *
 * - `ChangeHub`: every open instance of the same file + table in this process receives the event
 *   bulks of every other one (RxDB's contract for persistent multi-instance storages). Events are
 *   emitted only after the transaction committed. An instance's stream completes when it closes.
 *
 * - `changedDocumentsSince`: checkpoint paging over the `[_meta.lwt, primaryKey]` index. The
 *   checkpoint `{ lwt, id }` is turned into that index's key and the scan continues strictly
 *   after it, so documents that share one lwt (a whole bulk insert does) are paged by id
 *   without being skipped or repeated. RxDB writes lwt with at most two decimals, which is the
 *   precision of the index key; finer lwt values would be ordered by id within 0.01 ms.
 */
import { getStartIndexStringFromLowerBound } from 'rxdb/plugins/core';
import type {
  EventBulk,
  RxDocumentData,
  RxJsonSchema,
  RxStorageChangeEvent,
  RxStorageDefaultCheckpoint,
} from 'rxdb/plugins/core';
import type { Subject } from 'rxjs';
import { encodeKey, type TableLayout } from './schema-sql';
import type { TableStatements } from './statements';
import type { ReadStats } from './query';

type Doc = RxDocumentData<Record<string, unknown>>;
/** One emitted bulk of change events. */
export type ChangeBulk = EventBulk<RxStorageChangeEvent<Doc>, RxStorageDefaultCheckpoint>;

const HUBS = new Map<string, Set<Subject<ChangeBulk>>>();

/** Registers an instance's subject under its file + table; returns the unregister function. */
export function joinChangeHub(key: string, subject: Subject<ChangeBulk>): () => void {
  let members = HUBS.get(key);
  if (!members) {
    members = new Set();
    HUBS.set(key, members);
  }
  members.add(subject);
  return () => {
    members.delete(subject);
    if (members.size === 0) HUBS.delete(key);
  };
}

/** Sends a committed event bulk to every open instance of the same table. */
export function publishChanges(key: string, bulk: ChangeBulk): void {
  const members = HUBS.get(key);
  if (!members) return;
  for (const subject of [...members]) subject.next(bulk);
}

/** Pages through documents changed after a checkpoint, ordered by (lwt, id). */
export function changedDocumentsSince(
  ctx: {
    schema: RxJsonSchema<Doc>;
    layout: TableLayout;
    statements: TableStatements;
    stats: ReadStats;
  },
  limit: number,
  checkpoint: RxStorageDefaultCheckpoint | undefined,
): { documents: Doc[]; checkpoint: RxStorageDefaultCheckpoint } {
  const primaryPath = ctx.layout.primaryPath;
  // An empty id means "every document with this lwt": its key part is padded with U+0000,
  // below any real id. No checkpoint at all starts before every key.
  const after = checkpoint
    ? getStartIndexStringFromLowerBound(
        ctx.schema,
        ['_meta.lwt', primaryPath],
        [checkpoint.lwt, checkpoint.id === '' ? null : checkpoint.id],
      )
    : '';
  const rows = ctx.statements.changesSince().all(encodeKey(after), limit) as { data: string }[];
  const documents = rows.map((row) => {
    ctx.stats.rowsRead++;
    return JSON.parse(row.data) as Doc;
  });
  const last = documents[documents.length - 1];
  return {
    documents,
    checkpoint: last
      ? { id: last[primaryPath] as string, lwt: last._meta.lwt }
      : (checkpoint ?? { id: '', lwt: 0 }),
  };
}
