/**
 * bulkWrite: conflict detection by RxDB's own `categorizeBulkWriteRows`, then all accepted rows
 * in ONE SQLite transaction (BEGIN IMMEDIATE … COMMIT). The read of the current revisions happens
 * inside that transaction, so another process writing the same file cannot slip a write in
 * between the conflict check and our write. The commit is durable (WAL + synchronous=FULL)
 * before the promise resolves, so an acknowledged write is on disk.
 */
import { categorizeBulkWriteRows, INTERNAL_STORAGE_NAME } from 'rxdb/plugins/core';
import type {
  BulkWriteRow,
  EventBulk,
  RxDocumentData,
  RxStorageChangeEvent,
  RxStorageDefaultCheckpoint,
  RxStorageInstance,
  RxStorageWriteError,
} from 'rxdb/plugins/core';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { encodeKey, type IndexColumn, type TableLayout } from './schema-sql';
import type { Connection } from './connection';
import type { TableStatements } from './statements';
import type { CollectionTable } from './table';

type Doc = RxDocumentData<Record<string, unknown>>;
type ChangeBulk = EventBulk<RxStorageChangeEvent<Doc>, RxStorageDefaultCheckpoint>;

/** What one bulkWrite did: the per-row errors and the change events to emit after commit. */
export type BulkWriteOutcome = {
  errors: RxStorageWriteError<Doc>[];
  eventBulk: ChangeBulk | undefined;
};

/** What a bulk write needs from its storage instance. */
export type WriteContext = {
  db: Database;
  layout: TableLayout;
  statements: TableStatements;
  instance: RxStorageInstance<Doc, unknown, unknown>;
  /** false only for RxDB's internal metadata collection, see `isDurableCollection` */
  durable: boolean;
  withoutFsync: Connection['withoutFsync'];
  table: CollectionTable;
};

/**
 * Splits rows into segments in which every document id occurs at most once. RxDB's categorizer
 * compares each row against a snapshot of the stored state; a second write to the same id in
 * one call must instead see the first one, so later segments are categorized after earlier
 * ones are applied (the second blind insert of an id becomes a 409 conflict, not a crash).
 */
function segmentByUniqueId(rows: BulkWriteRow<Doc>[], primaryPath: string): BulkWriteRow<Doc>[][] {
  const segments: BulkWriteRow<Doc>[][] = [[]];
  let seen = new Set<string>();
  for (const row of rows) {
    const id = row.document[primaryPath] as string;
    if (seen.has(id)) {
      segments.push([]);
      seen = new Set();
    }
    seen.add(id);
    const last = segments[segments.length - 1];
    if (last) last.push(row);
  }
  return segments;
}

/** Bind values in column order: data, deleted, lwt, k0…kN, and `last` (id) at the end. */
function rowValues(layout: TableLayout, doc: Doc, last: unknown): unknown[] {
  const indexes = layout.indexes;
  const values = new Array<unknown>(indexes.length + 4);
  values[0] = JSON.stringify(doc);
  values[1] = doc._deleted ? 1 : 0;
  values[2] = doc._meta.lwt;
  for (let i = 0; i < indexes.length; i++) {
    values[i + 3] = encodeKey((indexes[i] as IndexColumn).toKey(doc));
  }
  values[indexes.length + 3] = last;
  return values;
}

function loadCurrent(ctx: WriteContext, ids: string[]): Map<string, Doc> {
  const current = new Map<string, Doc>();
  if (ids.length === 0) return current;
  const rows = ctx.statements.selectByIds().all(JSON.stringify(ids)) as {
    id: string;
    data: string;
  }[];
  for (const row of rows) current.set(row.id, JSON.parse(row.data) as Doc);
  return current;
}

/**
 * Whether commits of a collection are fsynced before they are acknowledged. Every collection's
 * are, except RxDB's internal metadata (`_rxdb_internal`: storage token, collection and schema
 * records), which RxDB rewrites when missing. The WAL is append-only and checksummed, so a
 * power cut loses at most a suffix of commits: an unsynced metadata commit becomes durable with
 * the next synced commit of any collection in the file, and can only be lost together with
 * everything after it, which then was never acknowledged either.
 */
export function isDurableCollection(collectionName: string): boolean {
  return collectionName !== INTERNAL_STORAGE_NAME;
}

/** Runs one bulkWrite synchronously inside a single immediate transaction. */
export function runBulkWrite(
  ctx: WriteContext,
  rows: BulkWriteRow<Doc>[],
  context: string,
): BulkWriteOutcome {
  const primaryPath = ctx.layout.primaryPath;
  const errors: RxStorageWriteError<Doc>[] = [];
  let eventBulk: ChangeBulk | undefined;
  let newest: Doc | undefined;

  const transaction = ctx.db.transaction(() => {
    ctx.table.ensureCreated();
    const segments = segmentByUniqueId(rows, primaryPath);
    const current = loadCurrent(
      ctx,
      rows.map((r) => r.document[primaryPath] as string),
    );
    for (const segment of segments) {
      const categorized = categorizeBulkWriteRows<Doc>(
        ctx.instance,
        primaryPath,
        current,
        segment,
        context,
      );
      const insert = ctx.statements.insert();
      for (const row of categorized.bulkInsertDocs) {
        const doc = row.document;
        insert.run(rowValues(ctx.layout, doc, doc[primaryPath]));
        current.set(doc[primaryPath] as string, doc);
      }
      if (categorized.bulkUpdateDocs.length > 0) {
        const update = ctx.statements.update();
        for (const row of categorized.bulkUpdateDocs) {
          const doc = row.document;
          update.run(rowValues(ctx.layout, doc, doc[primaryPath]));
          current.set(doc[primaryPath] as string, doc);
        }
      }
      // Loops, not push(...spread): a bulk can hold more rows than a call has argument slots.
      for (const error of categorized.errors) errors.push(error);
      if (categorized.newestRow) newest = categorized.newestRow.document;
      if (!eventBulk) {
        eventBulk = categorized.eventBulk as ChangeBulk;
      } else {
        for (const event of categorized.eventBulk.events) {
          eventBulk.events.push(event);
        }
      }
    }
  });
  if (ctx.durable) {
    transaction.immediate();
  } else {
    ctx.withoutFsync(() => {
      transaction.immediate();
    });
  }

  if (!eventBulk || eventBulk.events.length === 0 || !newest) {
    return { errors, eventBulk: undefined };
  }
  eventBulk.checkpoint = { id: newest[primaryPath] as string, lwt: newest._meta.lwt };
  return { errors, eventBulk };
}
