/**
 * Bulk insert of 10k documents through our storage, plain and encrypted, as a ratio of raw
 * better-sqlite3 (plain, the baseline of the same run): the same
 * JSON documents inserted with one prepared statement in one transaction into a table with
 * only a primary key, with the same pragmas (WAL, synchronous=FULL). The ratio is raw time /
 * our time, so 1.0 would mean no overhead; ours additionally checks revisions, keeps the SQL
 * indexes and emits change events.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createRxDatabase, fillWithDefaultSettings, randomToken } from 'rxdb/plugins/core';
import type { RxDocumentData } from 'rxdb/plugins/core';
import { averageSchema, averageSchemaData } from 'rxdb/plugins/test-utils';
import type { AverageSchemaDocumentType } from 'rxdb/plugins/test-utils';
import { getRxStorageSQLite } from '../src/storage';
import { median, ms, printTable } from './table';

const DOCS = 10_000;
type Doc = RxDocumentData<AverageSchemaDocumentType>;

function makeDocs(): Doc[] {
  const lwt = Date.now();
  return Array.from({ length: DOCS }, () => ({
    ...averageSchemaData(),
    _deleted: false,
    _rev: '1-bench',
    _meta: { lwt },
    _attachments: {},
  }));
}

function timeRaw(dir: string, docs: Doc[]): number {
  const db = new Database(join(dir, `raw-${randomToken(6)}.sqlite`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE docs (id TEXT PRIMARY KEY NOT NULL, data TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO docs (id, data) VALUES (?, ?)');
  const start = performance.now();
  db.transaction(() => {
    for (const doc of docs) insert.run(doc.id, JSON.stringify(doc));
  })();
  const elapsed = performance.now() - start;
  db.close();
  return elapsed;
}

async function timeStorage(dir: string, docs: Doc[], encrypted: boolean): Promise<number> {
  const schema = fillWithDefaultSettings(averageSchema());
  const instance = await getRxStorageSQLite({
    databaseDir: dir,
    encryptionKey: encrypted ? randomBytes(32) : null,
  }).createStorageInstance<AverageSchemaDocumentType>({
    databaseInstanceToken: randomToken(10),
    databaseName: 'bulk-' + randomToken(6),
    collectionName: 'docs',
    schema,
    options: {},
    multiInstance: false,
    devMode: false,
  });
  const start = performance.now();
  const result = await instance.bulkWrite(
    docs.map((document) => ({ document })),
    'bench',
  );
  const elapsed = performance.now() - start;
  if (result.error.length > 0) throw new Error('bulk insert failed');
  await instance.close();
  return elapsed;
}

async function timeCollection(dir: string, docs: Doc[]): Promise<number> {
  const db = await createRxDatabase({
    name: 'bulk-' + randomToken(6),
    storage: getRxStorageSQLite({ databaseDir: dir, encryptionKey: randomBytes(32) }),
    multiInstance: false,
  });
  const { docs: collection } = await db.addCollections({ docs: { schema: averageSchema() } });
  const plain = docs.map(({ _deleted, _rev, _meta, _attachments, ...data }) => data);
  const start = performance.now();
  await collection.bulkInsert(plain);
  const elapsed = performance.now() - start;
  await db.close();
  return elapsed;
}

/** Measures `rounds` times and prints medians and ratios. */
export async function compareBulkInsert(dir: string, rounds: number): Promise<void> {
  const raw: number[] = [];
  const plain: number[] = [];
  const encrypted: number[] = [];
  const collection: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const docs = makeDocs();
    raw.push(timeRaw(dir, docs));
    plain.push(await timeStorage(dir, makeDocs(), false));
    encrypted.push(await timeStorage(dir, makeDocs(), true));
    collection.push(await timeCollection(dir, makeDocs()));
  }
  const base = median(raw);
  console.log(`\nBulk insert of ${DOCS} documents, median of ${rounds} rounds`);
  printTable(
    ['path', 'ms', 'ratio of raw (raw ms / ms)'],
    [
      ['raw better-sqlite3 prepared insert, 1 txn', ms(base), '1.00'],
      ['our storage bulkWrite(), plain', ms(median(plain)), (base / median(plain)).toFixed(2)],
      [
        'our storage bulkWrite(), encrypted',
        ms(median(encrypted)),
        (base / median(encrypted)).toFixed(2),
      ],
      [
        'RxCollection.bulkInsert() on our storage, encrypted',
        ms(median(collection)),
        (base / median(collection)).toFixed(2),
      ],
    ],
  );
  console.log(
    `Encrypted / plain bulkWrite: ${(median(encrypted) / median(plain)).toFixed(2)}x the time.`,
  );
}
