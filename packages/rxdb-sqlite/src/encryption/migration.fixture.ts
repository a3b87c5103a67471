/**
 * Child process of the migration test. `seed <dir> <count>`: writes `count` bills to a plain
 * database and dies by SIGKILL without closing, so the documents sit in an un-checkpointed WAL
 * as after a power cut. `migrate <dir> <keyHex> <step|none>`: encrypts that file and dies by
 * SIGKILL right after the named step (or finishes and prints `done`).
 */
import { join } from 'node:path';
import { randomToken } from 'rxdb/plugins/core';
import { getRxStorageSQLite } from '../storage';
import { encryptPlainFile } from './encrypt-plain-file';
import { migrationBill, migrationSchema, type MigrationDoc } from './migration-schema';

const [mode, dir, arg, crashAt] = process.argv.slice(2);
if (!dir || !arg)
  throw new Error('usage: migration seed <dir> <count> | migrate <dir> <keyHex> <step|none>');

if (mode === 'seed') {
  const instance = await getRxStorageSQLite({
    databaseDir: dir,
    encryptionKey: null,
  }).createStorageInstance<MigrationDoc>({
    databaseInstanceToken: randomToken(10),
    databaseName: 'terminal',
    collectionName: 'bills',
    schema: migrationSchema,
    options: {},
    multiInstance: false,
    devMode: false,
  });
  const count = Number(arg);
  const rows = Array.from({ length: count }, (_, n) => ({ document: migrationBill(n) }));
  const result = await instance.bulkWrite(rows, 'seed');
  if (result.error.length > 0) throw new Error('seed failed');
  process.kill(process.pid, 'SIGKILL');
} else {
  encryptPlainFile(join(dir, 'terminal.sqlite'), Buffer.from(arg, 'hex'), (step) => {
    if (step === crashAt) process.kill(process.pid, 'SIGKILL');
  });
  process.stdout.write('done\n');
}
