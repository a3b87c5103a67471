import {
  normalizeMangoQuery,
  prepareQuery,
  type MangoQuery,
  type RxCollection,
} from 'rxdb/plugins/core';

/**
 * One page of a catalogue collection in id order, read from the collection's storage instance
 * as plain rows. A `find().exec()` per page would also build an RxDocument per row and keep the
 * page's RxQuery with its result in RxDB's query cache, which evicts nothing below 100 queries:
 * the 40 pages of a 100,000-product catalogue then held a second copy of it in the renderer.
 */
export async function readCataloguePage<T extends { id: string }>(
  collection: RxCollection<T>,
  after: string,
  limit: number,
): Promise<T[]> {
  const schema = collection.schema.jsonSchema;
  // The id index by name: RxDB's planner would pick (category, nameEn, id) and read and re-sort
  // the whole collection for every page. As RxQuery prepares every query, live rows only and the
  // index behind `_deleted`: the SQLite storage runs it on its (_deleted, id) index with LIMIT in
  // SQL (packages/rxdb-sqlite query.ts), so a page reads one page.
  const query = normalizeMangoQuery<T>(schema, {
    selector: { id: { $gt: after } },
    sort: [{ id: 'asc' }],
    limit,
    index: ['id'],
  } as MangoQuery<T>);
  const prepared = prepareQuery<T>(schema, {
    ...query,
    selector: { ...query.selector, _deleted: { $eq: false } },
    index: ['_deleted', ...(query.index ?? [])],
  });
  const { documents } = await collection.storageInstance.query(prepared);
  return documents.map((row) => {
    // What RxDocument.toJSON() leaves: the document without RxDB's bookkeeping.
    const { _deleted: _, _meta: _m, _rev: _r, _attachments: _a, ...doc } = row;
    return doc as unknown as T;
  });
}
