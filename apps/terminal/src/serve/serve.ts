import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { startStorageHost, type StorageHost } from '@kiryana/rxdb-sqlite/host';
import { LOCAL_API, type ServedConfig } from '../bridge/local-api';
import { createFileCredentialStore, MAX_CREDENTIAL_BYTES } from '../main/credential-store';
import { loadOrCreateDatabaseKey } from '../main/database-key';
import { createRawPrinter, MAX_RAW_PRINT_BYTES } from '../main/raw-printer';
import { readStaticFile } from './static-files';
import { proxySyncRequest, SYNC_PROXY_PREFIX } from './sync-proxy';

/**
 * Serves the terminal to a browser tab: the built renderer, `config.json`, the SQLite storage
 * host on a loopback websocket, and the `/local` API (credential, raw printing) that Electron's
 * main process would otherwise offer over IPC. Binds to 127.0.0.1 only.
 */

/** How to serve. */
export type ServeOptions = {
  /** HTTP port of the page; 0 picks a free one. */
  readonly port: number;
  /** Folder of the database files, their key and the device credential. */
  readonly dataDir: string;
  /** Folder of the built renderer (vite build). */
  readonly distDir: string;
  /** The sync server to offer on first run. */
  readonly syncServerUrl: string | null;
  /** `tcp://host:9100` or a device path for ESC/POS; null for none. */
  readonly printer: string | null;
};

/** A running terminal server. */
export type ServedTerminal = {
  readonly url: string;
  readonly storageHostUrl: string;
  close(): Promise<void>;
};

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error('too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response
    .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(JSON.stringify(body));
}

/**
 * Starts serving.
 * @example
 * const served = await serveTerminal({ port: 5180, dataDir: '.data', distDir: 'dist/renderer', syncServerUrl: 'http://127.0.0.1:3000', printer: null });
 */
export async function serveTerminal(options: ServeOptions): Promise<ServedTerminal> {
  const dataDir = resolve(options.dataDir);
  const distDir = resolve(options.distDir);
  const token = randomBytes(24).toString('base64url');
  // The database key sits in a file only this user can read: it keeps a copy of the database
  // file alone unreadable, not a copy of the whole data folder (see docs/security.md).
  const encryptionKey = await loadOrCreateDatabaseKey(
    createFileCredentialStore(join(dataDir, 'database-key')),
  );
  const storageHost: StorageHost = await startStorageHost({
    port: 0,
    databaseDir: join(dataDir, 'db'),
    encryptionKey,
    token,
  });
  const credentials = createFileCredentialStore(join(dataDir, 'device-credential.json'));
  const printer = createRawPrinter(options.printer);
  const config: ServedConfig = {
    storageHostUrl: storageHost.url,
    localToken: token,
    defaultServerUrl: options.syncServerUrl,
    syncProxyPath: options.syncServerUrl === null ? null : SYNC_PROXY_PREFIX,
  };

  const handleLocal = async (request: IncomingMessage, response: ServerResponse, path: string) => {
    if (request.headers[LOCAL_API.tokenHeader] !== token) {
      send(response, 401, { error: 'missing or wrong local token' });
      return;
    }
    if (path === LOCAL_API.credential && request.method === 'GET') {
      send(response, 200, { text: await credentials.load() });
    } else if (path === LOCAL_API.credential && request.method === 'PUT') {
      const body = JSON.parse(
        (await readBody(request, MAX_CREDENTIAL_BYTES * 2)).toString('utf8'),
      ) as {
        text?: unknown;
      };
      if (typeof body.text !== 'string' || body.text === '') {
        send(response, 400, { error: 'text must be the credential' });
        return;
      }
      await credentials.save(body.text);
      send(response, 204, null);
    } else if (path === LOCAL_API.credential && request.method === 'DELETE') {
      await credentials.clear();
      send(response, 204, null);
    } else if (path === LOCAL_API.printRaw && request.method === 'POST') {
      const result = await printer.print(await readBody(request, MAX_RAW_PRINT_BYTES));
      send(response, result.ok ? 200 : 503, result);
    } else {
      send(response, 404, { error: 'not found' });
    }
  };

  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    void (async () => {
      try {
        if (path.startsWith('/local/')) {
          await handleLocal(request, response, path);
        } else if (path.startsWith(`${SYNC_PROXY_PREFIX}/`) && options.syncServerUrl !== null) {
          await proxySyncRequest(options.syncServerUrl, request, response);
        } else if (path === '/config.json') {
          send(response, 200, config);
        } else if (request.method === 'GET' || request.method === 'HEAD') {
          const file = await readStaticFile(distDir, path);
          if (file === undefined) send(response, 404, { error: 'not found' });
          else response.writeHead(200, { 'content-type': file.contentType }).end(file.body);
        } else {
          send(response, 405, { error: 'method not allowed' });
        }
      } catch (error) {
        if (!response.headersSent) send(response, 400, { error: String(error) });
      }
    })();
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolveListen);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    storageHostUrl: storageHost.url,
    async close() {
      server.closeAllConnections();
      await new Promise((resolveClose) => server.close(resolveClose));
      await storageHost.close();
    },
  };
}
