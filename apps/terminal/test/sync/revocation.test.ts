import {
  createManualNetworkStatus,
  enrollDevice,
  type DeviceCredential,
} from '@kiryana/sync-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPostgres,
  freePort,
  startSyncServer,
  testPgUrl,
  type SyncServerProcess,
  type TestPostgres,
} from '../../e2e/sync-server-process';
import {
  startSyncSession,
  type SyncSession,
  type SyncStatus,
} from '../../src/renderer/sync/sync-session';
import { openTestDatabase, type TestDatabase } from '../db/open-test-database';
import { adminAccessToken } from './admin-token';

/**
 * A terminal whose device is revoked while it sits idle learns it at once from its event stream
 * (the server's last `revoked` event), shows it, and stops reconnecting the stream: without the
 * event it would notice only at its next pull or push, which an idle counter may not make for hours.
 */

const pgUrl = testPgUrl();

async function until(
  session: SyncSession,
  accept: (status: SyncStatus) => boolean,
  timeoutMs: number,
): Promise<SyncStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.unsubscribe();
      reject(new Error(`sync status not reached within ${String(timeoutMs)} ms`));
    }, timeoutMs);
    const subscription = session.status$.subscribe((status) => {
      if (!accept(status)) return;
      clearTimeout(timer);
      queueMicrotask(() => {
        subscription.unsubscribe();
      });
      resolve(status);
    });
  });
}

describe.skipIf(pgUrl === undefined)('a terminal revoked while its stream is open', () => {
  let database: TestPostgres;
  let serverDataDir: string;
  let server: SyncServerProcess;
  let credential: DeviceCredential;
  let t: TestDatabase;
  let session: SyncSession | undefined;
  const streamOpens: number[] = [];
  const uplink: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.endsWith('/v1/sync/stream')) streamOpens.push(Date.now());
    return fetch(input, init);
  };

  beforeAll(async () => {
    database = await createTestPostgres(pgUrl ?? '');
    serverDataDir = mkdtempSync(join(tmpdir(), 'kiryana-revocation-server-'));
    server = await startSyncServer({
      databaseUrl: database.url,
      dataDir: serverDataDir,
      port: await freePort(),
    });
    credential = await enrollDevice(fetch, server.url, server.demoCode ?? '', 'Revoked till');
    t = await openTestDatabase();
  }, 180_000);

  afterAll(async () => {
    await session?.stop();
    await t.close();
    await server.stop();
    await database.drop();
    rmSync(serverDataDir, { recursive: true, force: true });
  });

  it('shows DEVICE_REVOKED within seconds, without a pull or push, and stops reconnecting', async () => {
    session = await startSyncSession({
      db: t.db,
      credential,
      fetch: uplink,
      clock: { now: () => Date.now() },
      network: createManualNetworkStatus(true),
    });
    // Idle and in sync: the first pull of every collection is done and the stream is open.
    await until(session, (status) => status.firstSyncDone && status.lastErrorCode === null, 60_000);
    expect(streamOpens.length).toBeGreaterThan(0);

    const manager = await adminAccessToken(server.url, 'store.manager', 'kiryana-demo');
    const revoked = await fetch(`${server.url}/v1/admin/devices/${credential.deviceId}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager}` },
    });
    expect(revoked.status).toBe(200);
    const status = await until(session, (s) => s.lastErrorCode === 'DEVICE_REVOKED', 5_000);
    expect(status.lastErrorCode).toBe('DEVICE_REVOKED');

    // The stream is not reopened to be refused over and over.
    const opens = streamOpens.length;
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(streamOpens.length).toBe(opens);
  });
});
