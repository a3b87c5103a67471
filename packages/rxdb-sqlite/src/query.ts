/**
 * Queries follow RxDB's memory storage step by step, so results (documents, order, skip, limit,
 * count) are identical by construction:
 *  1. the prepared query's plan names an index and start/end keys; RxDB's own helpers turn them
 *     into indexable-string bounds, which become a range scan on that index's SQL column,
 *     always read in index order;
 *  2. if the plan says the selector is satisfied by the index, the range is the answer;
 *     otherwise RxDB's query matcher (mingo) filters the rows of the range in JavaScript;
 *  3. if the plan says the sort is satisfied by the index, the index order is the answer and
 *     reading stops after skip+limit matches (or LIMIT/OFFSET run in SQL when no matcher is
 *     needed); otherwise RxDB's sort comparator re-sorts the range.
 * An `index` hint names fields without the `_deleted` that RxDB puts first in every schema index,
 * so RxDB plans it on an index the table does not have; such a query is re-planned on the same
 * fields behind `_deleted` (see `planFor`). Only a hint matching no schema index at all falls back
 * to a full scan ordered by the same indexable strings.
 */
import {
  getIndexableStringMonad,
  getQueryMatcher,
  getQueryPlan,
  getSortComparator,
  getStartIndexStringFromLowerBound,
  getStartIndexStringFromUpperBound,
} from 'rxdb/plugins/core';
import type {
  PreparedQuery,
  QueryMatcher,
  RxDocumentData,
  RxJsonSchema,
  RxQueryPlan,
  RxStorageCountResult,
} from 'rxdb/plugins/core';
import { indexName, encodeKey, type TableLayout } from './schema-sql';
import type { RangeShape, TableStatements } from './statements';

type Doc = RxDocumentData<Record<string, unknown>>;

/** Counts rows that crossed from SQLite into JavaScript; the query-plan test reads it. */
export type ReadStats = { rowsRead: number };

/** What a query needs from its storage instance. */
export type QueryContext = {
  schema: RxJsonSchema<Doc>;
  layout: TableLayout;
  statements: TableStatements;
  stats: ReadStats;
};

type Range = { lower: string; upper: string; shape: Omit<RangeShape, 'paged'> | undefined };

/**
 * The plan to run. A hint such as `index: ['id']` (the terminal's catalogue pages) is planned by
 * RxDB on exactly ['id'], which has no column here: the filled schema holds ['_deleted', 'id'].
 * Without this step every page read and sorted the whole table in JavaScript, costing time in
 * proportion to the table (0.5 s a page at 100,000 rows). Re-planning on ['_deleted', ...hint]
 * lets RxDB's planner put `_deleted: false` into the range and tell whether the index satisfies
 * selector and sort. Results cannot change: a normalised query's sort ends with the primary key,
 * a total order, so the index chosen decides only how rows are found.
 */
function planFor(ctx: QueryContext, prepared: PreparedQuery<Doc>): RxQueryPlan {
  const plan = prepared.queryPlan;
  if (ctx.layout.byName.has(indexName(plan.index)) || plan.index[0] === '_deleted') return plan;
  const behindDeleted = ['_deleted', ...plan.index];
  if (!ctx.layout.byName.has(indexName(behindDeleted))) return plan;
  return getQueryPlan(ctx.schema, { ...prepared.query, index: behindDeleted });
}

function planRange(ctx: QueryContext, plan: RxQueryPlan): Range {
  const fields = plan.index;
  const lower = getStartIndexStringFromLowerBound(ctx.schema, fields, plan.startKeys);
  const upper = getStartIndexStringFromUpperBound(ctx.schema, fields, plan.endKeys);
  const index = ctx.layout.byName.get(indexName(fields));
  return {
    lower,
    upper,
    shape: index && {
      index,
      inclusiveStart: plan.inclusiveStart,
      inclusiveEnd: plan.inclusiveEnd,
    },
  };
}

function parseRow(ctx: QueryContext, row: unknown): Doc {
  ctx.stats.rowsRead++;
  return JSON.parse((row as { data: string }).data) as Doc;
}

/** Full-scan fallback: the same range and order, computed in JavaScript. */
function scanRangeInJs(ctx: QueryContext, plan: RxQueryPlan, range: Range): Doc[] {
  const toKey = getIndexableStringMonad(ctx.schema, plan.index);
  const keyed: [string, Doc][] = [];
  for (const row of ctx.statements.selectAll().iterate()) {
    const doc = parseRow(ctx, row);
    const key = toKey(doc);
    const aboveLower = plan.inclusiveStart ? key >= range.lower : key > range.lower;
    const belowUpper = plan.inclusiveEnd ? key <= range.upper : key < range.upper;
    if (aboveLower && belowUpper) keyed.push([key, doc]);
  }
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return keyed.map(([, doc]) => doc);
}

/**
 * The documents of the planned range in index order. `lazy` reads row by row so the caller can
 * stop early; otherwise the whole range is fetched in one call, which is faster per row.
 */
function* iterateRange(
  ctx: QueryContext,
  plan: RxQueryPlan,
  range: Range,
  lazy: boolean,
): Generator<Doc> {
  if (!range.shape) {
    yield* scanRangeInJs(ctx, plan, range);
    return;
  }
  const statement = ctx.statements.range({ ...range.shape, paged: false });
  const bounds = [encodeKey(range.lower), encodeKey(range.upper)];
  const rows = lazy ? statement.iterate(...bounds) : statement.all(...bounds);
  for (const row of rows) yield parseRow(ctx, row);
}

/** Runs a prepared RxDB query with the memory storage's exact semantics. */
export function runQuery(ctx: QueryContext, prepared: PreparedQuery<Doc>): Doc[] {
  const plan = planFor(ctx, prepared);
  const query = prepared.query;
  const skip = query.skip ? query.skip : 0;
  const limit = typeof query.limit === 'number' ? query.limit : Infinity;
  const skipPlusLimit = skip + limit;
  const mustResort = !plan.sortSatisfiedByIndex;
  const range = planRange(ctx, plan);

  let rows: Doc[] = [];
  if (plan.selectorSatisfiedByIndex) {
    if (!mustResort && range.shape) {
      const statement = ctx.statements.range({ ...range.shape, paged: true });
      const sqlLimit = limit === Infinity ? -1 : limit;
      return statement
        .all(encodeKey(range.lower), encodeKey(range.upper), sqlLimit, skip)
        .map((row) => parseRow(ctx, row));
    }
    rows = [...iterateRange(ctx, plan, range, false)];
  } else {
    const matcher: QueryMatcher<Doc> = getQueryMatcher(ctx.schema, query);
    for (const doc of iterateRange(ctx, plan, range, !mustResort)) {
      if (matcher(doc)) rows.push(doc);
      // Same early stop as the memory storage: the first match is taken even when limit is 0.
      if (rows.length >= skipPlusLimit && !mustResort) break;
    }
  }
  if (mustResort) rows.sort(getSortComparator(ctx.schema, query));
  if (skip !== 0 || rows.length > skipPlusLimit) rows = rows.slice(skip, skipPlusLimit);
  return rows;
}

/**
 * Counts matching documents. Like the memory storage, skip and limit are ignored (RxDB refuses
 * count queries that set them); an index-satisfied selector is counted by SQL alone.
 */
export function runCount(ctx: QueryContext, prepared: PreparedQuery<Doc>): RxStorageCountResult {
  const plan = planFor(ctx, prepared);
  const range = planRange(ctx, plan);
  if (plan.selectorSatisfiedByIndex && range.shape) {
    const statement = ctx.statements.countRange({ ...range.shape, paged: false });
    const row = statement.get(encodeKey(range.lower), encodeKey(range.upper)) as { n: number };
    return { count: row.n, mode: 'fast' };
  }
  const matcher = plan.selectorSatisfiedByIndex
    ? undefined
    : getQueryMatcher(ctx.schema, prepared.query);
  let count = 0;
  for (const doc of iterateRange(ctx, plan, range, true)) {
    if (!matcher || matcher(doc)) count++;
  }
  return { count, mode: 'fast' };
}

/**
 * SQLite's plan for the statement `runQuery` would execute, one line per plan step; a query
 * whose index has no column answers with a note about the JavaScript full scan instead.
 */
export function explainQuery(ctx: QueryContext, prepared: PreparedQuery<Doc>): string[] {
  const plan = planFor(ctx, prepared);
  const range = planRange(ctx, plan);
  if (!range.shape) return ['FULL SCAN IN JAVASCRIPT (index has no SQL column)'];
  const paged = plan.selectorSatisfiedByIndex && plan.sortSatisfiedByIndex;
  const statement = ctx.statements.range({ ...range.shape, paged });
  const params: unknown[] = [encodeKey(range.lower), encodeKey(range.upper)];
  if (paged) params.push(-1, 0);
  return ctx.statements
    .explain(statement.source)
    .all(...params)
    .map((row) => (row as { detail: string }).detail);
}
