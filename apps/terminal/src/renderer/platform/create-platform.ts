import { getRxStorageIpcRenderer } from 'rxdb/plugins/electron';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { getRxStorageRemoteWebsocket } from 'rxdb/plugins/storage-remote-websocket';
import type { RxStorage } from 'rxdb/plugins/core';
import { STORAGE_IPC_KEY, type KiryanaBridge, type PrintResult } from '../../bridge/bridge-api';
import type { HostRequest, HostResponse } from '../../bridge/host-protocol';
import type { Platform } from './platform';

/** What the page was told about its surroundings (config.json next to index.html, or the URL). */
export type PlatformConfig = {
  /** ws://127.0.0.1:port of the Node storage host; absent → memory storage. */
  readonly storageHostUrl?: string | null;
  readonly defaultServerUrl?: string | null;
};

function printPageInBrowser(): Promise<PrintResult> {
  window.print();
  return Promise.resolve({ ok: true });
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function electronPlatform(bridge: KiryanaBridge, config: PlatformConfig): Platform {
  return {
    kind: 'electron',
    storage: getRxStorageIpcRenderer({
      key: STORAGE_IPC_KEY,
      ipcRenderer: bridge.storage,
      mode: 'storage',
    }),
    credential: bridge.credential,
    printer: bridge.printer,
    defaultServerUrl: config.defaultServerUrl ?? null,
  };
}

function browserPlatform(storageHostUrl: string, config: PlatformConfig): Platform {
  const storage = getRxStorageRemoteWebsocket({ url: storageHostUrl, mode: 'one' });
  const ask = async (request: HostRequest): Promise<string | null> => {
    const response = await storage.customRequest<HostRequest, HostResponse>(request);
    if (!response.ok) throw new Error(response.error);
    return response.text;
  };
  return {
    kind: 'browser',
    storage,
    credential: {
      load: () => ask({ type: 'load-credential' }),
      save: async (text) => {
        await ask({ type: 'save-credential', text });
      },
      clear: async () => {
        await ask({ type: 'clear-credential' });
      },
    },
    printer: {
      printPage: printPageInBrowser,
      printRaw: async (bytes) => {
        try {
          await ask({ type: 'print-raw', base64: bytesToBase64(bytes) });
          return { ok: true };
        } catch (error) {
          return { ok: false, error: String(error) };
        }
      },
    },
    defaultServerUrl: config.defaultServerUrl ?? null,
  };
}

function memoryPlatform(config: PlatformConfig): Platform {
  let credential: string | null = null;
  return {
    kind: 'memory',
    storage: getRxStorageMemory() as RxStorage<unknown, unknown>,
    credential: {
      load: () => Promise.resolve(credential),
      save: (text) => {
        credential = text;
        return Promise.resolve();
      },
      clear: () => {
        credential = null;
        return Promise.resolve();
      },
    },
    printer: {
      printPage: printPageInBrowser,
      printRaw: () => Promise.resolve({ ok: false, error: 'No thermal printer in memory mode.' }),
    },
    defaultServerUrl: config.defaultServerUrl ?? null,
  };
}

/**
 * Picks the platform: the Electron bridge when the preload exposed one, else the Node storage
 * host named by the config, else memory (`?storage=memory` forces it).
 */
export function createPlatform(target: Window, config: PlatformConfig): Platform {
  const bridge = (target as Window & { kiryana?: KiryanaBridge }).kiryana;
  if (bridge !== undefined) return electronPlatform(bridge, config);
  const forceMemory = new URLSearchParams(target.location.search).get('storage') === 'memory';
  if (!forceMemory && config.storageHostUrl) return browserPlatform(config.storageHostUrl, config);
  return memoryPlatform(config);
}

/** Loads `config.json` served beside index.html; an absent file means memory mode. */
export async function loadPlatformConfig(target: Window): Promise<PlatformConfig> {
  try {
    const response = await target.fetch(new URL('config.json', target.location.href));
    if (!response.ok) return {};
    return (await response.json()) as PlatformConfig;
  } catch {
    return {};
  }
}
