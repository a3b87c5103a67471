/**
 * Child process of the crash test: appends "bills" in bulks of BULK_SIZE documents plus one
 * update of a counter document, all in one bulkWrite, forever. After each acknowledged write it
 * prints `ack <batch>` on stdout (a pipe, written synchronously on Linux), so the parent knows
 * exactly what was acknowledged before it sends SIGKILL. Each run resumes after the batch the
 * counter says was last committed.
 */
import { randomToken } from 'rxdb/plugins/core';
import type { BulkWriteRow, RxDocumentData } from 'rxdb/plugins/core';
import { getRxStorageSQLite } from '../storage';
import { TEST_KEY } from '../test-key';
import { BULK_SIZE, crashSchema, type CrashDoc } from './crash-schema';

async function main(dir: string): Promise<void> {
  const storage = getRxStorageSQLite({ databaseDir: dir, encryptionKey: TEST_KEY });
  const instance = await storage.createStorageInstance<CrashDoc>({
    databaseInstanceToken: randomToken(10),
    databaseName: 'crash',
    collectionName: 'bills',
    schema: crashSchema,
    options: {},
    multiInstance: false,
    devMode: false,
  });
  let counter: RxDocumentData<CrashDoc> | undefined = (
    await instance.findDocumentsById(['counter'], true)
  )[0];
  for (let batch = counter ? counter.batch + 1 : 0; ; batch++) {
    const lwt = Date.now();
    const rows: BulkWriteRow<CrashDoc>[] = [];
    for (let line = 0; line < BULK_SIZE; line++) {
      rows.push({
        document: {
          id: `b${batch}-${line}`,
          batch,
          line,
          totalMinor: batch * 1000 + line,
          _deleted: false,
          _rev: '1-w',
          _meta: { lwt },
          _attachments: {},
        },
      });
    }
    const next: RxDocumentData<CrashDoc> = {
      id: 'counter',
      batch,
      line: 0,
      totalMinor: 0,
      _deleted: false,
      _rev: `${batch + 1}-w`,
      _meta: { lwt },
      _attachments: {},
    };
    rows.push(counter ? { previous: counter, document: next } : { document: next });
    const result = await instance.bulkWrite(rows, 'crash');
    if (result.error.length > 0)
      throw new Error('unexpected write error ' + JSON.stringify(result));
    counter = next;
    process.stdout.write(`ack ${batch}\n`);
  }
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: crash-writer <databaseDir>');
await main(dir);
