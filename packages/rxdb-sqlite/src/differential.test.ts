/**
 * Differential tests: the same random writes and queries run against RxDB's memory storage (the
 * oracle) and ours; documents, order, counts, write errors, change events and checkpoint pages
 * must be identical. FC_RUNS raises the number of cases (default 2000 cases, about 10 s here).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getChangedDocumentsSince, randomToken } from 'rxdb/plugins/core';
import type {
  BulkWriteRow,
  RxDocumentData,
  RxStorageDefaultCheckpoint,
  RxStorageInstance,
} from 'rxdb/plugins/core';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { getRxStorageSQLite } from './storage';
import { differentialRuns } from './test-env';
import { makeTempDir, openInstance, prepare, TEST_KEY } from './test-support';
import {
  bulksArb,
  ids,
  itemSchema,
  queryArb,
  type Item,
  type WriteBulk,
} from './differential-arbitraries';

type Instance = RxStorageInstance<Item, unknown, unknown>;
type Doc = RxDocumentData<Item>;

const RUNS = differentialRuns;
let temp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  temp = makeTempDir('differential', true);
});
afterAll(() => {
  temp.cleanup();
});

async function current(instance: Instance, id: string): Promise<Doc | undefined> {
  return (await instance.findDocumentsById([id], true))[0];
}

function nextRev(doc: Doc | undefined, seq: number): string {
  const height = doc ? Number(doc._rev.split('-')[0]) + 1 : 1;
  return `${height}-r${seq}`;
}

/** Turns intents into RxDB write rows using the oracle's current state. */
async function rowsFor(oracle: Instance, bulk: WriteBulk, lwt: number, seq: number) {
  const rows: BulkWriteRow<Item>[] = [];
  for (const intent of bulk.intents) {
    const id = intent.kind === 'delete' ? intent.id : intent.data.id;
    const inDb = await current(oracle, id);
    const meta = { _meta: { lwt }, _attachments: {}, _rev: nextRev(inDb, seq) };
    if (intent.kind === 'delete') {
      if (inDb) rows.push({ previous: inDb, document: { ...inDb, ...meta, _deleted: true } });
    } else if (intent.kind === 'upsert') {
      const document = { ...intent.data, ...meta, _deleted: false };
      rows.push(inDb ? { previous: inDb, document } : { document });
    } else if (intent.kind === 'stale-update') {
      const document = { ...intent.data, ...meta, _deleted: false };
      rows.push({ previous: { ...document, _rev: '0-stale' }, document });
    } else {
      rows.push({ document: { ...intent.data, ...meta, _deleted: false } });
    }
  }
  return rows;
}

async function outcome<T>(work: () => Promise<T>): Promise<{ ok: T } | { error: true }> {
  try {
    return { ok: await work() };
  } catch {
    return { error: true };
  }
}

async function allPages(
  pageOf: (cp: RxStorageDefaultCheckpoint | undefined) => Promise<{
    documents: Doc[];
    checkpoint: RxStorageDefaultCheckpoint;
  }>,
) {
  const pages: { ids: string[]; checkpoint: RxStorageDefaultCheckpoint }[] = [];
  let checkpoint: RxStorageDefaultCheckpoint | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await pageOf(checkpoint);
    pages.push({ ids: page.documents.map((d) => d.id), checkpoint: page.checkpoint });
    if (page.documents.length === 0) break;
    checkpoint = page.checkpoint;
  }
  return pages;
}

describe('SQLite storage against the memory storage', () => {
  it('gives identical results for random writes, queries, counts and change pages', async () => {
    const sqlite = getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: TEST_KEY });
    const memory = getRxStorageMemory();
    await fc.assert(
      fc.asyncProperty(
        bulksArb,
        fc.array(queryArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 5 }),
        async (bulks, queries, pageLimit) => {
          const names = { databaseName: 'diff', collectionName: 'c' + randomToken(8) };
          const ours = (await openInstance<Item>(sqlite, itemSchema, names)) as Instance;
          const oracle = (await openInstance<Item>(memory, itemSchema, {
            ...names,
            databaseName: 'diff' + randomToken(8),
          })) as Instance;
          const events: { ours: unknown[]; oracle: unknown[] } = { ours: [], oracle: [] };
          // Bulk ids are random per storage; everything else must match.
          ours.changeStream().subscribe((bulk) => {
            events.ours.push({ ...bulk, id: undefined });
          });
          oracle.changeStream().subscribe((bulk) => {
            events.oracle.push({ ...bulk, id: undefined });
          });
          try {
            let lwt = 1000;
            for (const [seq, bulk] of bulks.entries()) {
              if (bulk.advanceClock) lwt += 0.25;
              const rows = await rowsFor(oracle, bulk, lwt, seq);
              const [a, b] = await Promise.all([
                ours.bulkWrite(structuredClone(rows), 'diff'),
                oracle.bulkWrite(structuredClone(rows), 'diff'),
              ]);
              expect(a.error).toEqual(b.error);
            }
            expect(await ours.findDocumentsById(ids, true)).toEqual(
              await oracle.findDocumentsById(ids, true),
            );
            expect(events.ours).toEqual(events.oracle);

            for (const query of queries) {
              const prepared = await outcome(() => Promise.resolve(prepare(itemSchema, query)));
              if (!('ok' in prepared)) continue;
              const [a, b] = await Promise.all([
                outcome(() => ours.query(prepared.ok)),
                outcome(() => oracle.query(prepared.ok)),
              ]);
              expect({ query, result: a }).toStrictEqual({ query, result: b });
              const [ca, cb] = await Promise.all([
                outcome(() => ours.count(prepared.ok)),
                outcome(() => oracle.count(prepared.ok)),
              ]);
              expect({ query, count: ca }).toStrictEqual({ query, count: cb });
            }

            expect(await allPages((cp) => ours.getChangedDocumentsSince!(pageLimit, cp))).toEqual(
              await allPages((cp) => getChangedDocumentsSince(oracle, pageLimit, cp)),
            );
          } finally {
            await ours.remove();
            await oracle.remove();
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 300_000);
});
