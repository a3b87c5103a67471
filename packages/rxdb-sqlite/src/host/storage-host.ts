/**
 * Node host for a browser renderer: serves the SQLite storage over a loopback WebSocket with
 * RxDB's remote-storage protocol, so the same renderer code that runs in Electron can run in a
 * plain browser against real SQLite files (tests, demos). Binds to 127.0.0.1 by default; when
 * `token` is set, connections without `?token=<token>` in their URL are refused, so other local
 * programs cannot read the terminal's data by guessing the port.
 */
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { RxStorageInstance } from 'rxdb/plugins/core';
import { startRxStorageRemoteWebsocketServer } from 'rxdb/plugins/storage-remote-websocket';
import { getRxStorageSQLite } from '../storage';

/** A running host. */
export type StorageHost = {
  /** ws:// URL to hand to `getStorageHostClient`, including the token if one is set. */
  url: string;
  port: number;
  /** Closes every connection, the storage instances it opened, and the listening socket. */
  close: () => Promise<void>;
};

/** Starts the host; `port: 0` picks a free port. The database files live in `databaseDir`. */
export async function startStorageHost(args: {
  port: number;
  host?: string;
  databaseDir: string;
  token?: string;
}): Promise<StorageHost> {
  const host = args.host ?? '127.0.0.1';
  const token = args.token;
  const storage = getRxStorageSQLite({ databaseDir: args.databaseDir });
  const state = startRxStorageRemoteWebsocketServer({
    port: args.port,
    host,
    storage,
    verifyClient: (info: { req: IncomingMessage }) =>
      token === undefined ||
      new URL(info.req.url ?? '/', 'ws://host').searchParams.get('token') === token,
  });
  const wss = state.serverState.server;
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const { port } = wss.address() as AddressInfo;
  const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
  return {
    url: `ws://${host}:${port}/${query}`,
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
