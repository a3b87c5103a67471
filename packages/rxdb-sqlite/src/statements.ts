import type Database from 'better-sqlite3-multiple-ciphers';
import { indexSqlName, quoteIdent, type IndexColumn, type TableLayout } from './schema-sql';

type Statement = Database.Statement;

/** Which comparison bounds a range scan uses; mirrors RxQueryPlan's inclusiveStart/End. */
export type RangeShape = {
  index: IndexColumn;
  inclusiveStart: boolean;
  inclusiveEnd: boolean;
  /** true when LIMIT/OFFSET are pushed down into SQL */
  paged: boolean;
};

/** Prepared statements of one table, created on first use and kept for the instance's life. */
export type TableStatements = {
  selectByIds: () => Statement;
  insert: () => Statement;
  update: () => Statement;
  selectAll: () => Statement;
  range: (shape: RangeShape) => Statement;
  countRange: (shape: RangeShape) => Statement;
  changesSince: () => Statement;
  deleteTombstones: () => Statement;
  explain: (sql: string) => Statement;
};

/** Builds the lazily prepared statements for one table. */
export function tableStatements(db: Database.Database, layout: TableLayout): TableStatements {
  const t = quoteIdent(layout.table);
  const cache = new Map<string, Statement>();
  const lazy = (key: string, sql: () => string): Statement => {
    let statement = cache.get(key);
    if (!statement) {
      statement = db.prepare(sql());
      cache.set(key, statement);
    }
    return statement;
  };
  const keyColumns = layout.indexes.map((i) => i.column);
  const rangeWhere = (shape: RangeShape): string => {
    const c = shape.index.column;
    return `${c} ${shape.inclusiveStart ? '>=' : '>'} ? AND ${c} ${shape.inclusiveEnd ? '<=' : '<'} ?`;
  };
  // INDEXED BY turns "SQLite chose another plan" into an error instead of a silent table scan.
  const indexed = (shape: RangeShape): string => quoteIdent(indexSqlName(layout, shape.index));
  const shapeKey = (shape: RangeShape): string =>
    `${shape.index.column}|${shape.inclusiveStart}|${shape.inclusiveEnd}|${shape.paged}`;
  const changesIndex = layout.indexes.find((i) => i.name === `_meta.lwt,${layout.primaryPath}`);

  return {
    selectByIds: () =>
      lazy('ids', () => `SELECT id, data FROM ${t} WHERE id IN (SELECT value FROM json_each(?))`),
    insert: () =>
      lazy('insert', () => {
        // id last, so insert and update bind the same value array
        const columns = ['data', 'deleted', 'lwt', ...keyColumns, 'id'];
        return `INSERT INTO ${t} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
      }),
    update: () =>
      lazy('update', () => {
        const sets = ['data', 'deleted', 'lwt', ...keyColumns].map((c) => `${c} = ?`);
        return `UPDATE ${t} SET ${sets.join(', ')} WHERE id = ?`;
      }),
    selectAll: () => lazy('all', () => `SELECT data FROM ${t}`),
    range: (shape) =>
      lazy('range|' + shapeKey(shape), () => {
        const paging = shape.paged ? ' LIMIT ? OFFSET ?' : '';
        return (
          `SELECT data FROM ${t} INDEXED BY ${indexed(shape)} WHERE ${rangeWhere(shape)} ` +
          `ORDER BY ${shape.index.column}${paging}`
        );
      }),
    countRange: (shape) =>
      lazy(
        'count|' + shapeKey(shape),
        () =>
          `SELECT count(*) AS n FROM ${t} INDEXED BY ${indexed(shape)} WHERE ${rangeWhere(shape)}`,
      ),
    changesSince: () =>
      lazy('changes', () => {
        if (!changesIndex) throw new Error('SQLite storage: missing _meta.lwt index');
        const c = changesIndex.column;
        const index = quoteIdent(indexSqlName(layout, changesIndex));
        return `SELECT data FROM ${t} INDEXED BY ${index} WHERE ${c} > ? ORDER BY ${c} LIMIT ?`;
      }),
    explain: (sql) => db.prepare('EXPLAIN QUERY PLAN ' + sql),
    deleteTombstones: () =>
      lazy('cleanup', () => `DELETE FROM ${t} WHERE deleted = 1 AND lwt <= ?`),
  };
}
