/**
 * The Electron hosting path without Electron: ipcMain, webContents and ipcRenderer are replaced
 * by a minimal in-process stand-in that, like Electron, delivers messages asynchronously and
 * structured-clones them. Everything on both sides of it is the real code.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { createRxDatabase } from 'rxdb/plugins/core';
import type { RxCollection, RxDatabase } from 'rxdb/plugins/core';
import { filter, firstValueFrom } from 'rxjs';
import { purgeDocuments } from '../purge-request';
import { makeTempDir, openFileForInspection, TEST_KEY } from '../test-support';
import { exposeSQLiteStorageOnIpcMain, type IpcMainLike } from './ipc-main';
import { createStorageIpcBridge, getSQLiteStorageIpcRenderer } from './ipc-renderer';

type Listener = (event: unknown, message: unknown) => void;

/** One main process and one renderer window, connected like Electron's IPC. */
function fakeElectron() {
  const mainSide = new EventEmitter();
  const rendererSide = new EventEmitter();
  const webContents = Object.assign(new EventEmitter(), {
    send(channel: string, message: unknown) {
      const copy = structuredClone(message);
      setImmediate(() => rendererSide.emit(channel, {}, copy));
    },
  });
  const ipcMain: IpcMainLike = {
    on(channel, listener) {
      mainSide.on(channel, listener);
    },
  };
  const ipcRenderer = {
    on(channel: string, listener: Listener) {
      rendererSide.on(channel, listener);
    },
    removeListener(channel: string, listener: Listener) {
      rendererSide.removeListener(channel, listener);
    },
    postMessage(channel: string, message: unknown) {
      const copy = structuredClone(message);
      setImmediate(() => mainSide.emit(channel, { sender: webContents }, copy));
    },
  };
  return { ipcMain, ipcRenderer, closeWindow: () => webContents.emit('destroyed') };
}

type Product = { id: string; name: string; priceMinor: number };

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('electron');
});
afterEach(() => {
  temp.cleanup();
});

describe('Electron IPC hosting', () => {
  it('lets a renderer write and query documents that land in the SQLite file of the main process', async () => {
    const electron = fakeElectron();
    exposeSQLiteStorageOnIpcMain({
      ipcMain: electron.ipcMain,
      databaseDir: temp.dir,
      encryptionKey: TEST_KEY,
    });
    const bridge = createStorageIpcBridge(electron.ipcRenderer);
    const db: RxDatabase<{ products: RxCollection<Product> }> = await createRxDatabase({
      name: 'terminal',
      storage: getSQLiteStorageIpcRenderer({ bridge }),
      multiInstance: false,
    });
    await db.addCollections({
      products: {
        schema: {
          version: 0,
          primaryKey: 'id',
          type: 'object',
          properties: {
            id: { type: 'string', maxLength: 20 },
            name: { type: 'string', maxLength: 40 },
            priceMinor: { type: 'integer', minimum: 0, maximum: 10_000_000, multipleOf: 1 },
          },
          required: ['id', 'name', 'priceMinor'],
          indexes: ['priceMinor'],
        },
      },
    });
    await db.products.bulkInsert([
      { id: 'atta', name: 'Atta 5 kg', priceMinor: 27_500 },
      { id: 'dal', name: 'Toor dal 1 kg', priceMinor: 16_000 },
    ]);
    const cheap = db.products.find({ selector: { priceMinor: { $lt: 20_000 } } });
    expect((await cheap.exec()).map((d) => d.id)).toEqual(['dal']);

    // A live query in the renderer sees a write through the change stream over IPC.
    const seen = firstValueFrom(cheap.$.pipe(filter((docs) => docs.length === 2)));
    await db.products.insert({ id: 'salt', name: 'Salt 1 kg', priceMinor: 2_800 });
    expect((await seen).map((d) => d.id)).toEqual(['salt', 'dal']);
    await db.close();

    const file = openFileForInspection(join(temp.dir, 'terminal.sqlite'));
    const rows = file.prepare('SELECT id, data FROM "rx_products_v0" ORDER BY id').all() as {
      id: string;
      data: string;
    }[];
    file.close();
    expect(rows.map((r) => [r.id, (JSON.parse(r.data) as Product).name])).toEqual([
      ['atta', 'Atta 5 kg'],
      ['dal', 'Toor dal 1 kg'],
      ['salt', 'Salt 1 kg'],
    ]);
    electron.closeWindow();
  });

  it('purges documents from the main process file without a change event in the renderer', async () => {
    const electron = fakeElectron();
    exposeSQLiteStorageOnIpcMain({
      ipcMain: electron.ipcMain,
      databaseDir: temp.dir,
      encryptionKey: TEST_KEY,
    });
    const storage = getSQLiteStorageIpcRenderer({
      bridge: createStorageIpcBridge(electron.ipcRenderer),
    });
    const db: RxDatabase<{ notes: RxCollection<{ id: string }> }> = await createRxDatabase({
      name: 'terminal',
      storage,
      multiInstance: false,
    });
    await db.addCollections({
      notes: {
        schema: {
          version: 0,
          primaryKey: 'id',
          type: 'object',
          properties: { id: { type: 'string', maxLength: 20 } },
          required: ['id'],
        },
      },
    });
    await db.notes.bulkInsert([{ id: 'old' }, { id: 'new' }]);
    const events: string[] = [];
    const sub = db.notes.$.subscribe((event) => events.push(event.documentId));
    const result = await purgeDocuments(db.storage, {
      type: 'kiryana-purge',
      databaseName: 'terminal',
      collections: [{ collectionName: 'notes', schemaVersion: 0, ids: ['old'] }],
    });
    expect(result).toEqual({ purged: 1 });
    expect((await db.notes.find().exec()).map((doc) => doc.id)).toEqual(['new']);
    expect(events).toEqual([]);
    sub.unsubscribe();
    await db.close();
    electron.closeWindow();
  });
});
