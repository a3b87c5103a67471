/**
 * Child process of the multi-process test: increments one shared counter document ROUNDS times
 * by read-modify-write (the read revision is sent as `previous`) and retries after a 409. Each
 * bulkWrite also inserts `receipt-<new value>`: the process that wins value v must write both,
 * the loser must get a 409 for both, or the bulk was not one transaction across processes.
 * Prints `done <conflicts>`.
 */
import { randomToken } from 'rxdb/plugins/core';
import { getRxStorageSQLite } from '../storage';
import { TEST_KEY } from '../test-key';
import { counterSchema, ROUNDS, type CounterDoc } from './counter-schema';

const [dir, writer, startAt] = process.argv.slice(2);
if (!dir || !writer || !startAt) {
  throw new Error('usage: counter-writer <databaseDir> <writerName> <startAtEpochMs>');
}

const instance = await getRxStorageSQLite({
  databaseDir: dir,
  encryptionKey: TEST_KEY,
}).createStorageInstance<CounterDoc>({
  databaseInstanceToken: randomToken(10),
  databaseName: 'shared',
  collectionName: 'counters',
  schema: counterSchema,
  options: {},
  multiInstance: false,
  devMode: false,
});
const meta = (rev: string) => ({
  _deleted: false,
  _rev: rev,
  _meta: { lwt: Date.now() },
  _attachments: {},
});

// Both processes start writing at the same moment, so that they really collide.
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
let conflicts = 0;
for (let done = 0; done < ROUNDS;) {
  const current = (await instance.findDocumentsById(['counter'], false))[0];
  const value = current ? current.value + 1 : 1;
  const result = await instance.bulkWrite(
    [
      { previous: current, document: { id: 'counter', value, writer, ...meta(`${value}-w`) } },
      { document: { id: `receipt-${value}`, value, writer, ...meta('1-w') } },
    ],
    'count',
  );
  const statuses = result.error.map((e) => `${e.documentId}:${e.status}`).join(',');
  if (statuses === '') {
    done++;
  } else if (statuses === `counter:409,receipt-${value}:409`) {
    conflicts++;
  } else {
    throw new Error(`bulk was not atomic across processes: ${statuses}`);
  }
}
await instance.close();
process.stdout.write(`done ${conflicts}\n`);
