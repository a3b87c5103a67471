/**
 * Node host for a browser renderer: serves the SQLite storage over a loopback WebSocket with
 * RxDB's remote-storage protocol, so the same renderer code that runs in Electron can run in a
 * plain browser against real SQLite files (tests, demos). Binds to 127.0.0.1 by default and
 * refuses connections without `?token=<token>` in their URL: browsers let any web page open a
 * WebSocket to localhost, so the port alone must not give access to the terminal's data. The
 * token is random unless the caller passes one; `url` carries it.
 */
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { randomToken } from 'rxdb/plugins/core';
import type { RxStorageInstance } from 'rxdb/plugins/core';
import { startRxStorageRemoteWebsocketServer } from 'rxdb/plugins/storage-remote-websocket';
import type { DatabaseKey } from '../encryption/cipher';
import { storageRequestHandler } from '../purge';
import { getRxStorageSQLite } from '../storage';

/** A running host. */
export type StorageHost = {
  /** ws:// URL to hand to `getStorageHostClient`, including the token. */
  url: string;
  port: number;
  /** Closes every connection, the storage instances it opened, and the listening socket. */
  close: () => Promise<void>;
};

/**
 * Starts the host; `port: 0` picks a free port. The database files live in `databaseDir`,
 * encrypted with `encryptionKey` (null: plain).
 */
export async function startStorageHost(args: {
  port: number;
  host?: string;
  databaseDir: string;
  encryptionKey: DatabaseKey | null;
  token?: string;
}): Promise<StorageHost> {
  const host = args.host ?? '127.0.0.1';
  const token = args.token ?? randomToken(32);
  const storage = getRxStorageSQLite({
    databaseDir: args.databaseDir,
    encryptionKey: args.encryptionKey,
  });
  const state = startRxStorageRemoteWebsocketServer({
    port: args.port,
    host,
    storage,
    // Purges (purge-request.ts): the one custom request a renderer sends.
    customRequestHandler: storageRequestHandler(storage),
    verifyClient: (info: { req: IncomingMessage }) =>
      new URL(info.req.url ?? '/', 'ws://host').searchParams.get('token') === token,
  });
  const wss = state.serverState.server;
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://${host}:${port}/?token=${encodeURIComponent(token)}`,
    port,
    async close() {
      await state.serverState.close();
      // RxDB types this map loosely; each entry holds the promise of the instance it created.
      const entries = state.exposeState.instanceByFullName as Map<
        string,
        { storageInstancePromise: Promise<RxStorageInstance<unknown, unknown, unknown>> }
      >;
      const instances = [...entries.values()];
      entries.clear();
      for (const entry of instances) {
        const instance = await entry.storageInstancePromise.catch(() => undefined);
        await instance?.close();
      }
    },
  };
}
