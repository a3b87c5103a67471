/**
 * The SQL table of one collection, created by the first write to it, inside that write's
 * transaction. Creating a collection is then one catalogue read; RxDB opens every collection
 * of a database at start, most of them stay empty for a while, and a table's DDL rides in the
 * commit (and fsync) of its first documents instead of costing a commit of its own.
 */
import type { Connection } from './connection';
import { createTableSql, indexListOf, type TableLayout } from './schema-sql';
import { addPrimaryKeyIndex, earlierIndexList } from './upgrade-layout';

export type CollectionTable = {
  /** Whether the table exists (created here, by another instance or by another process). */
  exists: () => boolean;
  /** Creates the table unless it exists; call inside a write transaction. */
  ensureCreated: () => void;
};

/**
 * Checks the catalogue for the collection's table: a table made for other indexes is an
 * error now, at collection creation, not at the first write; one made before tables had the
 * (_deleted, primary key) index gets it now (upgrade-layout.ts).
 */
export function collectionTable(
  connection: Connection,
  layout: TableLayout,
  collectionName: string,
  version: number,
): CollectionTable {
  const indexList = indexListOf(layout);
  const known = (): boolean => {
    let existing = connection.catalogue.indexList(layout.table);
    if (existing !== undefined && existing === earlierIndexList(layout)) {
      addPrimaryKeyIndex(connection.db, layout);
      existing = connection.catalogue.indexList(layout.table);
    }
    if (existing !== undefined && existing !== indexList) {
      throw new Error(
        `SQLite storage: table ${layout.table} was created with indexes ${existing}, ` +
          `but schema version ${version} of "${collectionName}" now declares ${indexList}. ` +
          'Changing indexes needs a new schema version (RxDB migration).',
      );
    }
    return existing !== undefined;
  };
  // Once it exists it stays: only remove(), which closes the instance, drops it.
  let created = known();
  return {
    exists: () => (created ||= known()),
    ensureCreated: () => {
      if (created || known()) {
        created = true;
        return;
      }
      connection.db.exec(createTableSql(layout).join(';\n'));
      connection.catalogue.record(layout.table, collectionName, version, indexList);
      // Not remembered here: if the surrounding write rolls back, so does the table, and the
      // next exists() asks the catalogue again.
    },
  };
}
