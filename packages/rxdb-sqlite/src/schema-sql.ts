/**
 * Table layout for one RxDB collection (one schema version):
 *
 *   id      TEXT UNIQUE  primary key value of the document
 *   data    TEXT         the whole document as JSON (what RxDB reads back)
 *   deleted INTEGER      `_deleted` as 0/1
 *   lwt     REAL         `_meta.lwt`
 *   k0..kN  TEXT         one column per RxDB index of the schema, holding the index's key
 *
 * Index keys are RxDB's own indexable strings (`getIndexableStringMonad`), so the order of a SQL
 * index equals the order RxDB's query planner assumes. They are stored as TEXT compared with
 * BINARY collation, through `encodeKey`: UTF-8 byte order differs from JavaScript's UTF-16
 * order for astral characters, which would otherwise sort after U+FFFF, the planner's INDEX_MAX
 * padding, and silently drop such documents from range queries.
 */
import { getIndexableStringMonad, getPrimaryFieldOfPrimaryKey } from 'rxdb/plugins/core';
import type { RxDocumentData, RxJsonSchema } from 'rxdb/plugins/core';

/** One RxDB index and the blob column that holds its keys. */
export type IndexColumn = {
  fields: string[];
  name: string;
  column: string;
  toKey: (doc: RxDocumentData<unknown>) => string;
};

/** Everything SQL needs to know about one collection's table. */
export type TableLayout = {
  table: string;
  primaryPath: string;
  indexes: IndexColumn[];
  byName: Map<string, IndexColumn>;
};

/** Quotes an SQL identifier (collection names are user input). */
export function quoteIdent(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"';
}

/** Name of the table that holds one schema version of one collection. */
export function tableNameFor(collectionName: string, schemaVersion: number): string {
  return `rx_${collectionName}_v${schemaVersion}`;
}

/** The name RxDB uses for an index (field list joined by commas). */
export function indexName(fields: readonly string[]): string {
  return fields.join(',');
}

const HIGH_UNITS = /[\ud800-\uffff]/;

/**
 * Encodes an indexable string so that SQLite's BINARY order of the result (UTF-8 bytes, i.e.
 * code point order) is JavaScript's order of the input (UTF-16 code units). The two orders only
 * differ from U+D800 up: there, every code unit c becomes the code point c + 0x800, which is
 * order-preserving and never a surrogate (U+D800…U+F7FF land on U+E000…U+FFFF, the rest on
 * U+10000…U+107FF). Keys without such units, nearly all of them, are stored unchanged, which
 * keeps the hot path free of allocations.
 */
export function encodeKey(key: string): string {
  if (!HIGH_UNITS.test(key)) return key;
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    out += c < 0xd800 ? String.fromCharCode(c) : String.fromCodePoint(c + 0x800);
  }
  return out;
}

/** Builds the layout for a (filled) RxDB schema. */
export function layoutFor(
  schema: RxJsonSchema<RxDocumentData<unknown>>,
  collectionName: string,
): TableLayout {
  const primaryPath = getPrimaryFieldOfPrimaryKey(schema.primaryKey) as string;
  const fieldLists: string[][] = (schema.indexes ?? []).map((index) =>
    typeof index === 'string' ? [index] : [...index],
  );
  // getChangedDocumentsSince() pages over this index, so it must exist even for a raw schema.
  fieldLists.push(['_meta.lwt', primaryPath]);
  // An `index: ['id']` hint (keyset pages in primary key order) is planned on this index (see
  // planFor in query.ts). RxDB's schema only has it when no other index is declared; without it
  // such a page read and sorted the whole table. Last, so older tables keep their columns' names
  // and only gain this one (upgrade-layout.ts).
  fieldLists.push(['_deleted', primaryPath]);
  const byName = new Map<string, IndexColumn>();
  const indexes: IndexColumn[] = [];
  for (const fields of fieldLists) {
    const name = indexName(fields);
    if (byName.has(name)) continue;
    const entry: IndexColumn = {
      fields,
      name,
      column: `k${indexes.length}`,
      toKey: getIndexableStringMonad<unknown>(schema, fields),
    };
    indexes.push(entry);
    byName.set(name, entry);
  }
  return {
    table: tableNameFor(collectionName, schema.version),
    primaryPath,
    indexes,
    byName,
  };
}

/** The index list the catalogue records for a table, to tell a changed schema from its own. */
export function indexListOf(layout: TableLayout): string {
  return JSON.stringify(layout.indexes.map((i) => i.fields));
}

/** Name of the SQL index that serves one RxDB index of a table. */
export function indexSqlName(layout: TableLayout, index: IndexColumn): string {
  return `${layout.table}__${index.column}`;
}

/** DDL creating the table and one SQL index per RxDB index (idempotent). */
export function createTableSql(layout: TableLayout): string[] {
  const t = quoteIdent(layout.table);
  const keyColumns = layout.indexes.map((i) => `, ${i.column} TEXT NOT NULL`).join('');
  const statements = [
    `CREATE TABLE IF NOT EXISTS ${t} (id TEXT NOT NULL UNIQUE, data TEXT NOT NULL, ` +
      `deleted INTEGER NOT NULL, lwt REAL NOT NULL${keyColumns})`,
    // cleanup() deletes old tombstones by lwt; partial, so live documents cost nothing here.
    `CREATE INDEX IF NOT EXISTS ${quoteIdent(layout.table + '__cleanup')} ON ${t} (lwt) ` +
      'WHERE deleted = 1',
  ];
  for (const index of layout.indexes) {
    statements.push(
      `CREATE INDEX IF NOT EXISTS ${quoteIdent(indexSqlName(layout, index))} ` +
        `ON ${t} (${index.column})`,
    );
  }
  return statements;
}

/** DDL of the catalogue table recording which schema each collection table was made for. */
export const CATALOGUE_SQL =
  'CREATE TABLE IF NOT EXISTS rxdb_collections (table_name TEXT PRIMARY KEY, ' +
  'collection_name TEXT NOT NULL, schema_version INTEGER NOT NULL, index_list TEXT NOT NULL)';
