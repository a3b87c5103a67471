import { IPC_RENDERER_KEY_PREFIX } from 'rxdb/plugins/electron';

/** Storage key used by main and renderer when the caller does not pick one. */
export const DEFAULT_STORAGE_KEY = 'kiryana-sqlite';

/** The IPC channel RxDB's electron plugin uses for a storage key. */
export function storageChannel(key: string): string {
  return [IPC_RENDERER_KEY_PREFIX, key].join('|');
}
