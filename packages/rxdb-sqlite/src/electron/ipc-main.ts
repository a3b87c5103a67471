/**
 * Electron main process side: the SQLite storage lives here (next to the file, in the app's
 * data folder) and renderers reach it through RxDB's remote-storage protocol over IPC.
 * `ipcMain` is passed in rather than imported, so this module runs (and is tested) in plain
 * Node without the Electron binary.
 */
import { Subject } from 'rxjs';
import { exposeRxStorageRemote, type MessageToRemote } from 'rxdb/plugins/storage-remote';
import type { DatabaseKey } from '../encryption/cipher';
import { storageRequestHandler } from '../purge';
import { getRxStorageSQLite, type RxStorageSQLite } from '../storage';
import { DEFAULT_STORAGE_KEY, storageChannel } from './channel';

/** The part of Electron's ipcMain that RxDB's electron plugin uses. */
export type IpcMainLike = {
  on(
    channel: string,
    listener: (
      event: {
        sender: {
          send(channel: string, message: unknown): void;
          on(event: 'destroyed', listener: () => void): unknown;
        };
      },
      message: unknown,
    ) => void,
  ): unknown;
};

/**
 * Serves the SQLite storage to every renderer. Returns the storage so the main process can use
 * the same files directly (e.g. for backups).
 *
 * @example
 * exposeSQLiteStorageOnIpcMain({ ipcMain, databaseDir: join(userData, 'db'), encryptionKey });
 */
export function exposeSQLiteStorageOnIpcMain(args: {
  ipcMain: IpcMainLike;
  databaseDir: string;
  /** The files' encryption key (see SQLiteStorageSettings); null keeps them plain. */
  encryptionKey: DatabaseKey | null;
  /** The IPC channel's name; the default matches the renderer's. */
  key?: string;
}): RxStorageSQLite {
  const storage = getRxStorageSQLite({
    databaseDir: args.databaseDir,
    encryptionKey: args.encryptionKey,
  });
  // RxDB's exposeIpcMainRxStorage, plus the custom request handler it does not pass on (purges,
  // purge-request.ts). Like RxDB's, it answers every renderer that ever wrote on the channel.
  const channel = storageChannel(args.key ?? DEFAULT_STORAGE_KEY);
  const messages$ = new Subject<MessageToRemote>();
  type Sender = Parameters<Parameters<IpcMainLike['on']>[1]>[0]['sender'];
  const renderers = new Set<Sender>();
  args.ipcMain.on(channel, (event, message) => {
    if (!renderers.has(event.sender)) {
      renderers.add(event.sender);
      event.sender.on('destroyed', () => renderers.delete(event.sender));
    }
    if (message) messages$.next(message as MessageToRemote);
  });
  exposeRxStorageRemote({
    storage,
    messages$,
    send: (message: unknown) => {
      for (const sender of renderers) sender.send(channel, message);
    },
    customRequestHandler: storageRequestHandler(storage),
  });
  return storage;
}
