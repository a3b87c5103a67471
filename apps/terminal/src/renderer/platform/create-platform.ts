import { getSQLiteStorageIpcRenderer } from '@kiryana/rxdb-sqlite/electron-renderer';
import { getStorageHostClient } from '@kiryana/rxdb-sqlite/host-client';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { KiryanaBridge, PrintResult } from '../../bridge/bridge-api';
import { LOCAL_API } from '../../bridge/local-api';
import { reroutingFetch, schemeRoutingFetch } from '../../bridge/sync-transport';
import { downloadPdf } from './download-pdf';
import type { Platform } from './platform';

/** What the page was told about its surroundings (config.json next to index.html). */
export type PlatformConfig = {
  /** ws:// URL of the Node storage host; absent → memory storage. */
  readonly storageHostUrl?: string | null;
  /** Token of the serve process's /local API. */
  readonly localToken?: string | null;
  /** Same-origin proxy to `defaultServerUrl`. */
  readonly syncProxyPath?: string | null;
  readonly defaultServerUrl?: string | null;
};

function printPageInBrowser(): Promise<PrintResult> {
  window.print();
  return Promise.resolve({ ok: true });
}

function electronPlatform(bridge: KiryanaBridge, config: PlatformConfig): Platform {
  return {
    kind: 'electron',
    storage: getSQLiteStorageIpcRenderer({ bridge: bridge.storage }),
    credential: bridge.credential,
    printer: bridge.printer,
    updates: bridge.updates,
    defaultServerUrl: config.defaultServerUrl ?? null,
    // Every sync endpoint, not only the enrolled server's: the credential may list other regions.
    fetchFor: () => schemeRoutingFetch(window.fetch.bind(window)),
  };
}

function browserPlatform(target: Window, storageHostUrl: string, config: PlatformConfig): Platform {
  const headers = { [LOCAL_API.tokenHeader]: config.localToken ?? '' };
  const local = async (
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: BodyInit } = {},
  ): Promise<Response> => {
    const response = await target.fetch(path, {
      ...init,
      headers: { ...headers, ...init.headers },
    });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response;
  };
  return {
    kind: 'browser',
    storage: getStorageHostClient(storageHostUrl),
    credential: {
      load: async () => {
        const body = (await (await local(LOCAL_API.credential)).json()) as { text: string | null };
        return body.text;
      },
      save: async (text) => {
        await local(LOCAL_API.credential, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text }),
        });
      },
      clear: async () => {
        await local(LOCAL_API.credential, { method: 'DELETE' });
      },
    },
    printer: {
      printPage: printPageInBrowser,
      printRaw: async (bytes) => {
        try {
          await local(LOCAL_API.printRaw, {
            method: 'POST',
            headers: { 'content-type': 'application/octet-stream' },
            body: bytes as Uint8Array<ArrayBuffer>,
          });
          return { ok: true };
        } catch (error) {
          return { ok: false, error: String(error) };
        }
      },
      openPdf: (bytes, fileName) => downloadPdf(target.document, bytes, fileName),
    },
    defaultServerUrl: config.defaultServerUrl ?? null,
    fetchFor: (serverUrl) => {
      const direct = target.fetch.bind(target);
      const proxy = config.syncProxyPath;
      const proxied = config.defaultServerUrl?.replace(/\/+$/, '');
      if (!proxy || proxied !== serverUrl.replace(/\/+$/, '')) return direct;
      return reroutingFetch(direct, serverUrl, (path) => `${proxy}${path}`);
    },
  };
}

function memoryPlatform(config: PlatformConfig): Platform {
  let credential: string | null = null;
  return {
    kind: 'memory',
    storage: getRxStorageMemory(),
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
      openPdf: (bytes, fileName) => downloadPdf(window.document, bytes, fileName),
    },
    defaultServerUrl: config.defaultServerUrl ?? null,
    fetchFor: () => window.fetch.bind(window),
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
  if (!forceMemory && config.storageHostUrl)
    return browserPlatform(target, config.storageHostUrl, config);
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
