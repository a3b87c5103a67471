/**
 * Upgrades, in place and once, a table created before every table had the (_deleted, primary
 * key) index: adds its key column, fills it and indexes it. Without it such a table (a terminal
 * installed before the change) would answer primary-key-hinted pages by a full scan forever.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { RxDocumentData } from 'rxdb/plugins/core';
import { createTableSql, encodeKey, indexListOf, quoteIdent, type TableLayout } from './schema-sql';

/** The name of the index the upgrade adds. */
function primaryKeyIndexName(layout: TableLayout): string {
  return `_deleted,${layout.primaryPath}`;
}

/**
 * The index list such a table was recorded with, or undefined when the layout has nothing to
 * add (a schema without declared indexes already has (_deleted, primary key) from RxDB).
 */
export function earlierIndexList(layout: TableLayout): string | undefined {
  const last = layout.indexes.at(-1);
  if (!last || last.name !== primaryKeyIndexName(layout)) return undefined;
  return indexListOf({ ...layout, indexes: layout.indexes.slice(0, -1) });
}

/**
 * Adds the column and index, and records the new index list, in one immediate transaction, so
 * two processes opening the table at once upgrade it once. Keys come from the `deleted` and `id`
 * columns, the only fields of this index, so no document is parsed. An instance still running
 * code from before the change would write rows without this key; the terminal never runs two
 * versions on one file (an update restarts it).
 */
export function addPrimaryKeyIndex(db: Database.Database, layout: TableLayout): void {
  const index = layout.byName.get(primaryKeyIndexName(layout));
  const earlier = earlierIndexList(layout);
  if (!index || earlier === undefined) throw new Error('SQLite storage: nothing to upgrade');
  const t = quoteIdent(layout.table);
  const c = index.column;
  db.transaction(() => {
    const recorded = db
      .prepare('SELECT index_list FROM rxdb_collections WHERE table_name = ?')
      .pluck()
      .get(layout.table);
    if (recorded !== earlier) return; // another process upgraded it first
    db.exec(`ALTER TABLE ${t} ADD COLUMN ${c} TEXT NOT NULL DEFAULT ''`);
    const rows = db.prepare(`SELECT rowid AS r, id, deleted FROM ${t}`).all() as {
      r: number;
      id: string;
      deleted: number;
    }[];
    const update = db.prepare(`UPDATE ${t} SET ${c} = ? WHERE rowid = ?`);
    for (const row of rows) {
      const doc = { _deleted: row.deleted === 1, [layout.primaryPath]: row.id };
      update.run(encodeKey(index.toKey(doc as unknown as RxDocumentData<unknown>)), row.r);
    }
    // Idempotent DDL: only the new index is missing.
    db.exec(createTableSql(layout).join(';\n'));
    db.prepare('UPDATE rxdb_collections SET index_list = ? WHERE table_name = ?').run(
      indexListOf(layout),
      layout.table,
    );
  }).immediate();
}
