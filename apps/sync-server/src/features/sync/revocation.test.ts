import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../http/app-env';
import { type SseEvent, readSse } from '@kiryana/sync-client';
import { nextEvent, syncApi } from '../../testing/sync-api';
import { suiteFixture } from '../../testing/suite-fixture';
import { openSecondProcess, openSyncHarness } from '../../testing/sync-harness';
import { deviceFetcher } from '../../testing/sync-test-app';
import { postgresOnly, testDatabases } from '../../testing/test-databases';
import { revokeDevice } from '../devices/device.service';

/**
 * Revoking a device takes effect at once (README, docs/security.md): its next request on any
 * server process answers 401 DEVICE_REVOKED, and every event stream it holds, on any process,
 * ends with a `revoked` event instead of carrying on with hints.
 */

const REVOKED = {
  error: { code: 'DEVICE_REVOKED', message: 'This device has been revoked; enrol it again.' },
};

/** Reads events until the stream ends; fails if it does not end within `timeoutMs`. */
async function untilEnd(events: AsyncGenerator<SseEvent>, timeoutMs = 3_000): Promise<SseEvent[]> {
  const seen: SseEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`stream still open after ${String(timeoutMs)} ms: ${JSON.stringify(seen)}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      (async () => {
        for (;;) {
          const result = await events.next();
          if (result.done) return seen;
          seen.push(result.value);
        }
      })(),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function stateOf(app: Hono<AppEnv>, token: string): Promise<[number, unknown]> {
  const response = await app.request('/v1/sync/state', {
    headers: { authorization: `Bearer ${token}` },
  });
  return [response.status, await response.json()];
}

describe.each(testDatabases())('device revocation on one server process on $name', (database) => {
  const h = suiteFixture(() => openSyncHarness(database));

  it('closes the device’s open stream with a revoked event and refuses its next request', async () => {
    const device = await h.device('store-a', 'Counter to revoke');
    const neighbour = await h.device('store-a', 'Counter that stays');
    const stream = await h.api(device).stream();
    const other = await h.api(neighbour).stream();
    try {
      await nextEvent(stream.events, (e) => e.event === 'resync');
      await nextEvent(other.events, (e) => e.event === 'resync');
      expect((await stateOf(h.app, device.token))[0]).toBe(200);
      await revokeDevice(h.deps, device.principal.deviceId);
      // At once: no status cache to lapse first.
      expect(await stateOf(h.app, device.token)).toEqual([401, REVOKED]);
      const last = await untilEnd(stream.events);
      expect(last.at(-1)).toMatchObject({ event: 'revoked' });
      expect(JSON.parse(last.at(-1)?.data ?? '{}')).toEqual(REVOKED.error);
      // The store's other terminal keeps its stream and its access.
      expect((await stateOf(h.app, neighbour.token))[0]).toBe(200);
      const reopened = await h.api(device).stream();
      expect(reopened.status).toBe(401);
      reopened.close();
    } finally {
      stream.close();
      other.close();
    }
  });
});

describe.each(postgresOnly())(
  'device revocation across two server processes on $name',
  (database) => {
    const h = suiteFixture(() => openSyncHarness(database), { skip: database.skip });
    const other = suiteFixture(() => openSecondProcess(h), { skip: database.skip });

    it.skipIf(database.skip)(
      'revoked through one process: the stream on the other closes, and both refuse the next request',
      async () => {
        const device = await h.device('store-b', 'Counter on two processes');
        const response = await deviceFetcher(other.app, device)('/v1/sync/stream');
        expect(response.status).toBe(200);
        if (!response.body) throw new Error('stream without body');
        const events = readSse(response.body.pipeThrough(new TextDecoderStream()).getReader());
        await nextEvent(events, (e) => e.event === 'resync');
        // Both processes have just let the device in (and would have remembered it).
        expect((await stateOf(h.app, device.token))[0]).toBe(200);
        expect((await stateOf(other.app, device.token))[0]).toBe(200);

        await revokeDevice(h.deps, device.principal.deviceId);
        expect(await stateOf(other.app, device.token)).toEqual([401, REVOKED]);
        expect(await stateOf(h.app, device.token)).toEqual([401, REVOKED]);
        const last = await untilEnd(events);
        expect(last.map((e) => e.event)).toEqual(['revoked']);
        expect(JSON.parse(last[0]?.data ?? '{}')).toEqual(REVOKED.error);
        const pushed = await syncApi(deviceFetcher(other.app, device)).push('stock-movements', []);
        expect([pushed.status, pushed.body]).toEqual([401, REVOKED]);
      },
    );

    it.skipIf(database.skip)(
      'still ends the stream when the revocation’s notification was lost with the LISTEN connection',
      async () => {
        const device = await h.device('store-b', 'Counter whose notice is lost');
        const stream = await syncApi(deviceFetcher(other.app, device)).stream();
        try {
          await nextEvent(stream.events, (e) => e.event === 'resync');
          // A revocation nobody hears (triggers off for this one transaction), as when it commits
          // while a process's LISTEN connection is down.
          await h.db.transaction(async (tx) => {
            await tx.query('SET LOCAL session_replication_role = replica');
            await tx.query(
              `UPDATE devices SET status = 'revoked', revoked_at = now() WHERE id = $1`,
              [device.principal.deviceId],
            );
          });
          // Nothing ends the stream meanwhile: the events below come after the lost connection.
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          await h.db.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
              WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
          );
          const last = await untilEnd(stream.events, 10_000);
          expect(last.map((e) => e.event)).toEqual(['resync', 'revoked']);
        } finally {
          stream.close();
        }
      },
    );
  },
);
