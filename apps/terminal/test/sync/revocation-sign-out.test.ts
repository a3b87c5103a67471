import {
  createManualNetworkStatus,
  enrollDevice,
  type DeviceCredential,
} from '@kiryana/sync-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom, filter, timeout } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPostgres,
  freePort,
  startSyncServer,
  testPgUrl,
  type SyncServerProcess,
  type TestPostgres,
} from '../../e2e/sync-server-process';
import { DEMO_CASHIER } from '../../e2e/terminal-page';
import { startTerminal } from '../../src/renderer/app/start-terminal';
import type { TerminalServices } from '../../src/renderer/services/terminal-services';
import type { Platform } from '../../src/renderer/platform/platform';
import { parseDeviceCredential } from '../../src/renderer/sync/device-credential';
import { openTestDatabase, type TestDatabase } from '../db/open-test-database';
import { adminAccessToken } from './admin-token';

/**
 * A terminal told by its event stream that it was revoked forgets its PIN verifiers and its PIN
 * key at once and signs the cashier out to the revoked screen: waiting for the next PIN contact
 * (up to a minute, and a revoked device makes no successful sync cycle to trigger one) would leave
 * a stolen or retired till open for the cashier signed in, and sign-in possible, meanwhile.
 */

const pgUrl = testPgUrl();

/** Polls `read` until `accept` holds, within `timeoutMs`. */
async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${String(timeoutMs)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(pgUrl === undefined)('a terminal revoked while a cashier is signed in', () => {
  let database: TestPostgres;
  let serverDataDir: string;
  let server: SyncServerProcess;
  let credential: DeviceCredential;
  let t: TestDatabase;
  let services: TerminalServices | undefined;
  // What the platform's credential store holds (the file an Electron terminal keeps encrypted).
  let savedCredential: string | null = null;

  beforeAll(async () => {
    database = await createTestPostgres(pgUrl ?? '');
    serverDataDir = mkdtempSync(join(tmpdir(), 'kiryana-revocation-sign-out-'));
    server = await startSyncServer({
      databaseUrl: database.url,
      dataDir: serverDataDir,
      port: await freePort(),
    });
    credential = await enrollDevice(fetch, server.url, server.demoCode ?? '', 'Stolen till');
    savedCredential = JSON.stringify(credential);
    t = await openTestDatabase();
  }, 180_000);

  afterAll(async () => {
    await services?.sync.stop();
    await t.close();
    await server.stop();
    await database.drop();
    rmSync(serverDataDir, { recursive: true, force: true });
  });

  it('forgets verifiers and PIN key and signs the cashier out within seconds of the revoked event', async () => {
    const platform: Platform = {
      kind: 'memory',
      storage: undefined as unknown as Platform['storage'],
      credential: {
        load: () => Promise.resolve(savedCredential),
        save: (text) => {
          savedCredential = text;
          return Promise.resolve();
        },
        clear: () => {
          savedCredential = null;
          return Promise.resolve();
        },
      },
      printer: {
        printPage: () => Promise.resolve({ ok: true }),
        printRaw: () => Promise.resolve({ ok: true }),
        openPdf: () => Promise.resolve({ ok: true }),
      },
      defaultServerUrl: server.url,
      fetchFor: () => fetch,
    };
    services = await startTerminal({
      platform,
      db: t.db,
      credential,
      clock: { now: () => Date.now() },
      network: createManualNetworkStatus(true),
      fetch,
      onUnbind: () => undefined,
    });
    const gate = services.pinGate;
    // PIN sync brought the store's people; the demo cashier signs in with her real PIN.
    const people = await eventually(
      () => gate.people(),
      (list) => list.some((p) => p.displayName === DEMO_CASHIER.displayName),
      60_000,
    );
    const cashier = people.find((p) => p.displayName === DEMO_CASHIER.displayName);
    const signedIn = await gate.signIn(cashier?.userId ?? '', DEMO_CASHIER.pin);
    expect(signedIn.ok).toBe(true);
    if (signedIn.ok) services.cashier$.next(signedIn.person);

    const manager = await adminAccessToken(server.url, 'store.manager', 'kiryana-demo');
    const revoked = await fetch(`${server.url}/v1/admin/devices/${credential.deviceId}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager}` },
    });
    expect(revoked.status).toBe(200);

    // Within seconds, not at the next PIN contact a minute away: signed out to the revoked screen.
    const started = Date.now();
    await eventually(
      () => gate.people(),
      (list) => list.length === 0,
      5_000,
    );
    await eventually(
      () => Promise.resolve(services?.cashier$.value),
      (value) => value === null,
      5_000 - (Date.now() - started),
    );
    await firstValueFrom(services.revoked$.pipe(filter(Boolean), timeout(1_000)));
    const again = await gate.signIn(cashier?.userId ?? '', DEMO_CASHIER.pin);
    expect(again).toEqual({ ok: false, reason: 'unknown' });
    // The PIN key is gone from the stored credential too, so a restart cannot check PINs either.
    const stored = parseDeviceCredential(savedCredential);
    expect(stored?.deviceId).toBe(credential.deviceId);
    expect(stored?.pinKey).toBeUndefined();
  });
});
