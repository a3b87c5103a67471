/**
 * The page bundled for the browser test: a renderer that only knows the host's URL, creates an
 * RxDatabase on the remote SQLite storage, writes bills and queries them back.
 */
import { createRxDatabase } from 'rxdb/plugins/core';
import type { RxCollection, RxDatabase } from 'rxdb/plugins/core';
import { getStorageHostClient } from './storage-client';

type Bill = { id: string; storeId: string; totalMinor: number };

async function runScenario(url: string): Promise<string[]> {
  const db: RxDatabase<{ bills: RxCollection<Bill> }> = await createRxDatabase({
    name: 'browser-terminal',
    storage: getStorageHostClient(url),
    multiInstance: false,
  });
  await db.addCollections({
    bills: {
      schema: {
        version: 0,
        primaryKey: 'id',
        type: 'object',
        properties: {
          id: { type: 'string', maxLength: 36 },
          storeId: { type: 'string', maxLength: 36 },
          totalMinor: { type: 'integer', minimum: 0, maximum: 100_000_000, multipleOf: 1 },
        },
        required: ['id', 'storeId', 'totalMinor'],
        indexes: [['storeId', 'totalMinor']],
      },
    },
  });
  await db.bills.bulkInsert([
    { id: 'bill-1', storeId: 'blr-01', totalMinor: 45_000 },
    { id: 'bill-2', storeId: 'blr-01', totalMinor: 1_250 },
    { id: 'bill-3', storeId: 'blr-02', totalMinor: 99_900 },
  ]);
  await db.bills.insert({ id: 'bill-4', storeId: 'blr-01', totalMinor: 7_000 });
  const found = await db.bills
    .find({ selector: { storeId: 'blr-01', totalMinor: { $gte: 5_000 } } })
    .exec();
  const ids = found.map((bill) => bill.id);
  await db.close();
  return ids;
}

(globalThis as unknown as { runScenario: typeof runScenario }).runScenario = runScenario;
