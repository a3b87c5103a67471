/**
 * Electron main process side: the SQLite storage lives here (next to the file, in the app's
 * data folder) and renderers reach it through RxDB's remote-storage protocol over IPC.
 * `ipcMain` is passed in rather than imported, so this module runs (and is tested) in plain
 * Node without the Electron binary.
 */
import { exposeIpcMainRxStorage } from 'rxdb/plugins/electron';
import type { DatabaseKey } from '../encryption/cipher';
import { getRxStorageSQLite, type RxStorageSQLite } from '../storage';
import { DEFAULT_STORAGE_KEY } from './channel';

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
  exposeIpcMainRxStorage({
    key: args.key ?? DEFAULT_STORAGE_KEY,
    storage,
    ipcMain: args.ipcMain,
  });
  return storage;
}
