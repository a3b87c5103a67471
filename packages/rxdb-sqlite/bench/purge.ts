/**
 * What one batch of the terminal's local history retention costs the storage: 200 of the oldest
 * documents of a 20,000-row sales-like table found on the createdAt index and purged by id
 * (purge-request.ts), against the baseline of a bulk write of 200 such documents on the same
 * table, the write the counter does. A batch holds the storage's one connection for its whole
 * time, so the ratio says how much longer than a burst of bills it keeps the counter waiting.
 */
import { performance } from 'node:perf_hooks';
import {
  fillWithDefaultSettings,
  normalizeMangoQuery,
  prepareQuery,
  randomToken,
} from 'rxdb/plugins/core';
import type { RxDocumentData, RxJsonSchema } from 'rxdb/plugins/core';
import type { RxStorageInstanceSQLite } from '../src/instance';
import { purgeDocuments } from '../src/purge-request';
import { getRxStorageSQLite } from '../src/storage';
import { median, ms, printTable } from './table';

type Fact = { id: string; createdAt: string; invoiceNo: string; body: string };

// The terminal's sales indexes: createdAt (recent bills, retention) and invoiceNo (returns).
const factSchema: RxJsonSchema<RxDocumentData<Fact>> = fillWithDefaultSettings({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    createdAt: { type: 'string', maxLength: 30 },
    invoiceNo: { type: 'string', maxLength: 16 },
    body: { type: 'string' },
  },
  required: ['id', 'createdAt', 'invoiceNo', 'body'],
  indexes: [['createdAt'], ['invoiceNo']],
});

const ROWS = 20_000;
const BATCH = 200;
// About the JSON size of a three-line bill.
const BODY = 'x'.repeat(1500);

let serial = 0;
function fact(dayMs: number): { document: RxDocumentData<Fact> } {
  serial += 1;
  const n = String(serial).padStart(8, '0');
  return {
    document: {
      id: `f-${n}`,
      createdAt: new Date(dayMs + serial * 1000).toISOString(),
      invoiceNo: `T1/26/${n}`,
      body: BODY,
      _deleted: false,
      _rev: '1-a',
      _meta: { lwt: 1000 + serial },
      _attachments: {},
    },
  };
}

// RxQuery adds `_deleted: false` to every selector; spread in, as the selector's type has none.
const notDeleted = { _deleted: { $eq: false } };

const oldestQuery = prepareQuery<Fact>(
  factSchema,
  normalizeMangoQuery<Fact>(factSchema, {
    selector: { createdAt: { $lt: '2100-01-01' }, ...notDeleted },
    sort: [{ createdAt: 'asc' }],
    limit: BATCH,
  }),
);

/** Prints the median time of a retention batch and of a bulk write of the same size. */
export async function printPurgeFigures(dir: string, rounds: number): Promise<void> {
  const storage = getRxStorageSQLite({ databaseDir: dir, encryptionKey: null });
  const instance = (await storage.createStorageInstance<Fact>({
    databaseInstanceToken: randomToken(10),
    databaseName: 'purge',
    collectionName: 'sales',
    schema: factSchema,
    options: {},
    multiInstance: false,
    devMode: false,
  })) as unknown as RxStorageInstanceSQLite<Fact>;
  try {
    const startMs = Date.parse('2026-01-01T00:00:00Z');
    for (let start = 0; start < ROWS; start += 5000) {
      await instance.bulkWrite(
        Array.from({ length: 5000 }, () => fact(startMs)),
        'seed',
      );
    }
    const writes: number[] = [];
    const batches: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const w0 = performance.now();
      await instance.bulkWrite(
        Array.from({ length: BATCH }, () => fact(startMs)),
        'bills',
      );
      writes.push(performance.now() - w0);
      const p0 = performance.now();
      const { documents } = await instance.query(oldestQuery);
      const result = await purgeDocuments(storage, {
        type: 'kiryana-purge',
        databaseName: 'purge',
        collections: [
          { collectionName: 'sales', schemaVersion: 0, ids: documents.map((doc) => doc.id) },
        ],
      });
      batches.push(performance.now() - p0);
      if (result?.purged !== BATCH) throw new Error('purge bench purged the wrong count');
    }
    const write = median(writes);
    const batch = median(batches);
    console.log(
      `\nLocal history retention: one batch of ${String(BATCH)} at ${String(ROWS)} rows (median of ${String(rounds)})`,
    );
    printTable(
      ['operation', 'ms', 'ratio'],
      [
        [`bulk write of ${String(BATCH)} bills (baseline)`, ms(write), '1.00'],
        [`find ${String(BATCH)} oldest + purge them`, ms(batch), (batch / write).toFixed(2)],
      ],
    );
  } finally {
    await instance.close();
  }
}
