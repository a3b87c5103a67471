/**
 * Purges on real SQLite files, through every way the terminal reaches its storage: the storage
 * in this process and the websocket host (the Electron IPC path is in electron-ipc.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb/plugins/core';
import type { RxStorage } from 'rxdb/plugins/core';
import { startStorageHost, type StorageHost } from './host/storage-host';
import { getStorageHostClient } from './host/storage-client';
import { purgeDocuments, type PurgeRequest } from './purge-request';
import { getRxStorageSQLite } from './storage';
import { makeTempDir, openFileForInspection, TEST_KEY } from './test-support';

type Note = { id: string; text: string };
type Notes = RxDatabase<{ notes: RxCollection<Note> }>;

const noteSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 20 }, text: { type: 'string' } },
  required: ['id', 'text'],
} as const;

async function openNotes(storage: RxStorage<unknown, unknown>): Promise<Notes> {
  const db: Notes = await createRxDatabase({ name: 'till', storage, multiInstance: false });
  await db.addCollections({ notes: { schema: noteSchema } });
  await db.notes.bulkInsert(['a', 'b', 'c'].map((id) => ({ id, text: `note ${id}` })));
  return db;
}

const purgeOf = (ids: string[], collectionName = 'notes'): PurgeRequest => ({
  type: 'kiryana-purge',
  databaseName: 'till',
  collections: [{ collectionName, schemaVersion: 0, ids }],
});

function rowsInFile(dir: string): { id: string; deleted: number }[] {
  const file = openFileForInspection(join(dir, 'till.sqlite'));
  try {
    return file.prepare('SELECT id, deleted FROM "rx_notes_v0" ORDER BY id').all() as {
      id: string;
      deleted: number;
    }[];
  } finally {
    file.close();
  }
}

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('purge');
});
afterEach(() => {
  temp.cleanup();
});

describe('purgeDocuments', () => {
  it('deletes rows without a tombstone or a change event, through the websocket host', async () => {
    const host: StorageHost = await startStorageHost({
      port: 0,
      databaseDir: temp.dir,
      encryptionKey: TEST_KEY,
    });
    try {
      const db = await openNotes(getStorageHostClient(host.url));
      const events: string[] = [];
      const sub = db.notes.$.subscribe((event) =>
        events.push(`${event.operation} ${event.documentId}`),
      );
      expect(await purgeDocuments(db.storage, purgeOf(['a', 'c', 'missing']))).toEqual({
        purged: 2,
      });
      expect(rowsInFile(temp.dir)).toEqual([{ id: 'b', deleted: 0 }]);
      // A fresh query reads the storage: only b is left, and RxDB heard of no delete.
      const left = await db.notes.find({ selector: { text: { $regex: '^note' } } }).exec();
      expect(left.map((doc) => doc.id)).toEqual(['b']);
      expect(events).toEqual([]);
      sub.unsubscribe();
      await db.close();
    } finally {
      await host.close();
    }
  });

  it('purges in this process, and a collection never written purges nothing', async () => {
    const storage = getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: TEST_KEY });
    const db = await openNotes(storage);
    expect(await purgeDocuments(db.storage, purgeOf(['b']))).toEqual({ purged: 1 });
    expect(await purgeDocuments(db.storage, purgeOf(['a'], 'never-written'))).toEqual({
      purged: 0,
    });
    expect(rowsInFile(temp.dir).map((row) => row.id)).toEqual(['a', 'c']);
    await db.close();
  });

  it('refuses a malformed request over the host instead of guessing', async () => {
    const host = await startStorageHost({
      port: 0,
      databaseDir: temp.dir,
      encryptionKey: TEST_KEY,
    });
    try {
      const storage = getStorageHostClient(host.url);
      await expect(
        storage.customRequest({ type: 'kiryana-purge', databaseName: 7 }),
      ).rejects.toThrow(/unknown custom request/);
      const tooMany = purgeOf(Array.from({ length: 5_001 }, (_, i) => `id-${i}`));
      await expect(storage.customRequest(tooMany)).rejects.toThrow(/unknown custom request/);
    } finally {
      await host.close();
    }
  });

  it('is undefined on a storage that cannot purge (memory)', async () => {
    const { getRxStorageMemory } = await import('rxdb/plugins/storage-memory');
    expect(await purgeDocuments(getRxStorageMemory(), purgeOf(['a']))).toBeUndefined();
  });
});
