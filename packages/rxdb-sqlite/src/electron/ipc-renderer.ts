/**
 * Renderer side. The preload script builds a narrow bridge with `createStorageIpcBridge` (it
 * can only talk on the storage channel) and exposes it through contextBridge; the renderer turns
 * that bridge into an RxStorage with `getSQLiteStorageIpcRenderer`. The renderer never holds
 * ipcRenderer itself.
 */
import { getRxStorageIpcRenderer, type RxStorageIpcRenderer } from 'rxdb/plugins/electron';
import { DEFAULT_STORAGE_KEY, storageChannel } from './channel';

/** The part of Electron's ipcRenderer the bridge needs (used in the preload script only). */
export type IpcRendererLike = {
  on(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
  postMessage(channel: string, message: unknown): void;
};

/** What the preload exposes to the renderer: send a message, subscribe to answers. */
export type StorageIpcBridge = {
  send(message: unknown): void;
  subscribe(listener: (message: unknown) => void): () => void;
};

/** Preload: a bridge bound to the storage channel of `key`. */
export function createStorageIpcBridge(
  ipcRenderer: IpcRendererLike,
  key: string = DEFAULT_STORAGE_KEY,
): StorageIpcBridge {
  const channel = storageChannel(key);
  return {
    send: (message) => {
      ipcRenderer.postMessage(channel, message);
    },
    subscribe(listener) {
      const wrapped = (_event: unknown, message: unknown) => {
        listener(message);
      };
      ipcRenderer.on(channel, wrapped);
      return () => {
        ipcRenderer.removeListener(channel, wrapped);
      };
    },
  };
}

type Listener = (event: unknown, message: unknown) => void;

/** Renderer: the RxStorage that forwards every call to the main process. */
export function getSQLiteStorageIpcRenderer(args: {
  bridge: StorageIpcBridge;
  key?: string;
}): RxStorageIpcRenderer {
  const unsubscribers = new Map<Listener, () => void>();
  // RxDB's plugin wants an ipcRenderer; this one can only reach the bridge's channel.
  const ipcRenderer = {
    on(_channel: string, listener: Listener) {
      unsubscribers.set(
        listener,
        args.bridge.subscribe((message) => {
          listener(undefined, message);
        }),
      );
    },
    removeListener(_channel: string, listener: Listener) {
      unsubscribers.get(listener)?.();
      unsubscribers.delete(listener);
    },
    postMessage(_channel: string, message: unknown) {
      args.bridge.send(message);
    },
  };
  return getRxStorageIpcRenderer({
    key: args.key ?? DEFAULT_STORAGE_KEY,
    ipcRenderer,
    mode: 'storage',
  });
}
