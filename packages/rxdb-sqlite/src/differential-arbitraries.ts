/**
 * fast-check generators for the differential tests: a schema with single, compound and nested
 * indexes, write operations, and Mango queries over the operators RxDB supports.
 * Values come from small pools on purpose, so that equal values, ties in sort order, padding
 * corner cases ('a' vs 'a ' vs 'a\t'), astral characters and U+FFFF meet often.
 */
import fc from 'fast-check';
import { fillWithDefaultSettings } from 'rxdb/plugins/core';
import type { MangoQuery, RxDocumentData, RxJsonSchema } from 'rxdb/plugins/core';

/** Document type of the differential schema. */
export type Item = {
  id: string;
  name: string;
  age: number;
  score: number;
  active: boolean;
  nested: { n: number };
  tag?: string;
};

/** Schema under test; indexes cover single fields, compounds, a boolean and a nested path. */
export const itemSchema: RxJsonSchema<RxDocumentData<Item>> = fillWithDefaultSettings({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 8 },
    name: { type: 'string', maxLength: 6 },
    age: { type: 'integer', minimum: 0, maximum: 100, multipleOf: 1 },
    score: { type: 'number', minimum: -50, maximum: 50, multipleOf: 0.01 },
    active: { type: 'boolean' },
    nested: {
      type: 'object',
      properties: { n: { type: 'integer', minimum: 0, maximum: 9, multipleOf: 1 } },
      required: ['n'],
    },
    tag: { type: 'string', maxLength: 5 },
  },
  required: ['id', 'name', 'age', 'score', 'active', 'nested'],
  indexes: ['name', 'age', ['active', 'score'], ['age', 'name'], 'nested.n'],
});

/** Ids the writes draw from (exported so the test can read every document back). */
export const ids = Array.from({ length: 16 }, (_, i) => `d${i}`);
const names = ['', 'a', 'A', 'a ', 'a\t', 'ab', 'b', 'ba', 'é', '😀', 'z\uffff', 'Zz'];
const idArb = fc.constantFrom(...ids);
const nameArb = fc.constantFrom(...names);
const ageArb = fc.oneof(fc.constantFrom(0, 1, 50, 99, 100), fc.integer({ min: 0, max: 100 }));
const scoreArb = fc.oneof(
  fc.constantFrom(-50, 0, 0.01, -0.01, 49.99, 50),
  fc.integer({ min: -5000, max: 5000 }).map((n) => n / 100),
);
const tagArb = fc.option(fc.constantFrom('', 'x', 'y', 'xy'), { nil: undefined });

/** The user part of a document (no RxDB meta fields). */
const itemDataArb = (id: string): fc.Arbitrary<Item> =>
  fc
    .record({
      name: nameArb,
      age: ageArb,
      score: scoreArb,
      active: fc.boolean(),
      n: fc.integer({ min: 0, max: 9 }),
      tag: tagArb,
    })
    .map(({ n, tag, ...rest }) => ({
      id,
      ...rest,
      nested: { n },
      ...(tag === undefined ? {} : { tag }),
    }));

/** One row of a bulk write, expressed as intent; the runner turns it into RxDB write rows. */
type WriteIntent =
  | { kind: 'upsert'; data: Item } // insert if absent, update with the right previous if present
  | { kind: 'stale-update'; data: Item } // update with a wrong previous revision (409)
  | { kind: 'blind-insert'; data: Item } // insert without previous even if it exists (409)
  | { kind: 'delete'; id: string };

const intentArb: fc.Arbitrary<WriteIntent> = idArb.chain((id) =>
  fc.oneof(
    { weight: 5, arbitrary: itemDataArb(id).map((data) => ({ kind: 'upsert' as const, data })) },
    {
      weight: 1,
      arbitrary: itemDataArb(id).map((data) => ({ kind: 'stale-update' as const, data })),
    },
    {
      weight: 1,
      arbitrary: itemDataArb(id).map((data) => ({ kind: 'blind-insert' as const, data })),
    },
    { weight: 2, arbitrary: fc.constant({ kind: 'delete' as const, id }) },
  ),
);

/** A bulk write: rows with distinct ids, and whether lwt advances (false = equal timestamps). */
export type WriteBulk = { intents: WriteIntent[]; advanceClock: boolean };

/** Sequences of bulk writes. */
export const bulksArb: fc.Arbitrary<WriteBulk[]> = fc.array(
  fc.record({
    intents: fc.uniqueArray(intentArb, {
      minLength: 1,
      maxLength: 8,
      selector: (i) => (i.kind === 'delete' ? i.id : i.data.id),
    }),
    advanceClock: fc.boolean(),
  }),
  { minLength: 1, maxLength: 10 },
);

type FieldDomain = { field: string; values: fc.Arbitrary<unknown> };
const domains: FieldDomain[] = [
  { field: 'id', values: idArb },
  { field: 'name', values: nameArb },
  { field: 'age', values: ageArb },
  { field: 'score', values: scoreArb },
  { field: 'active', values: fc.boolean() },
  { field: 'nested.n', values: fc.integer({ min: 0, max: 9 }) },
  { field: 'tag', values: fc.constantFrom('', 'x', 'y', 'xy') },
];

const regexArb = fc.constantFrom('^a', 'b', '^$', '\\S', 'A|Z', '^.$', 'x');

function conditionArb(domain: FieldDomain): fc.Arbitrary<Record<string, unknown>> {
  const v = domain.values;
  const op = fc.oneof(
    v.map((x) => ({ $eq: x })),
    v.map((x) => ({ $gt: x })),
    v.map((x) => ({ $gte: x })),
    v.map((x) => ({ $lt: x })),
    v.map((x) => ({ $lte: x })),
    fc.tuple(v, v).map(([a, b]) => ({ $gte: a, $lte: b })),
    fc.tuple(v, v).map(([a, b]) => ({ $gt: a, $lt: b })),
    fc.array(v, { minLength: 1, maxLength: 4 }).map((xs) => ({ $in: xs })),
    fc.array(v, { minLength: 1, maxLength: 3 }).map((xs) => ({ $nin: xs })),
    fc.boolean().map((b) => ({ $exists: b })),
    ...(domain.field === 'name' || domain.field === 'tag' || domain.field === 'id'
      ? [regexArb.map((r) => ({ $regex: r }))]
      : []),
  );
  return op.map((condition) => ({ [domain.field]: condition }));
}

const fieldSelectorArb: fc.Arbitrary<Record<string, unknown>> = fc
  .uniqueArray(fc.constantFrom(...domains), { maxLength: 2, selector: (d) => d.field })
  .chain((picked) =>
    picked.length === 0
      ? fc.constant({})
      : fc
          .tuple(...picked.map(conditionArb))
          .map((parts) => Object.assign({}, ...parts) as Record<string, unknown>),
  );

/** Present in about a quarter of the cases, so that most selectors still match something. */
function rarely<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

const selectorArb: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fieldSelectorArb,
    rarely(fc.array(fieldSelectorArb, { minLength: 1, maxLength: 3 })),
    rarely(fc.array(fieldSelectorArb, { minLength: 1, maxLength: 2 })),
    // RxDB's own queries always carry _deleted: false; storage callers may omit it.
    fc.constantFrom<boolean | undefined>(false, false, false, undefined, true),
  )
  .map(([base, or, and, deleted]) => ({
    ...base,
    ...(or ? { $or: or } : {}),
    ...(and ? { $and: and } : {}),
    ...(deleted === undefined ? {} : { _deleted: { $eq: deleted } }),
  }));

const sortFields = ['name', 'age', 'score', 'active', 'nested.n', 'tag', 'id'];
const sortArb = fc.option(
  fc
    .uniqueArray(fc.constantFrom(...sortFields), { minLength: 1, maxLength: 3 })
    .chain((fields) =>
      fc.tuple(...fields.map((f) => fc.constantFrom('asc', 'desc').map((dir) => ({ [f]: dir })))),
    ),
  { nil: undefined },
);

/** Index hints that exist in the schema (the primary key is appended by RxDB). */
const indexHintArb = fc.option(
  fc.constantFrom(['_deleted', 'name'], ['_deleted', 'age', 'name'], ['_meta.lwt']),
  { nil: undefined, freq: 8 },
);

/** A Mango query over the differential schema. */
export const queryArb: fc.Arbitrary<MangoQuery<Item>> = fc
  .record({
    selector: selectorArb,
    sort: sortArb,
    skip: rarely(fc.integer({ min: 0, max: 4 })),
    limit: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined, freq: 2 }),
    index: indexHintArb,
  })
  .map(({ selector, sort, skip, limit, index }) => {
    const query: MangoQuery<Item> = { selector: selector };
    if (sort) query.sort = sort;
    if (skip !== undefined) query.skip = skip;
    if (limit !== undefined) query.limit = limit;
    if (index) query.index = [...index];
    return query;
  });
