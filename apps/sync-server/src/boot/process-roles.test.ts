import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutboxBacklog } from '../features/events/outbox-read.queries';
import {
  type CompiledProcess,
  deviceApiOn,
  startCompiledServer,
} from '../testing/compiled-process';
import { eventually } from '../testing/eventually';
import { asPushRows, insertProducts, insertStores, makeSale } from '../testing/sync-fixtures';
import { type TestDb, postgresOnly } from '../testing/test-databases';

/**
 * Process roles (boot/roles.ts) on one Postgres database, as a deployment splits them: an `api`
 * process takes a push but publishes nothing; a `relay` process serves no API, answers its
 * probes, and publishes what the api process wrote to the outbox; a `jobs` process serves probes
 * only as well.
 */
describe.each(postgresOnly())('process roles on $name', ({ open, skip }) => {
  let db: TestDb;
  let api: CompiledProcess;
  let relay: CompiledProcess | undefined;

  beforeAll(async () => {
    if (skip) return;
    db = await open();
    await insertStores(db, 'r1', ['store-a']);
    await insertProducts(db, ['p001']);
    api = await startCompiledServer(db.connectionString ?? '', { env: { ROLES: 'api' } });
  }, 60_000);

  afterAll(async () => {
    if (skip) return;
    api.child.kill('SIGKILL');
    relay?.child.kill('SIGKILL');
    await db.close();
  });

  it.skipIf(skip)(
    'an api process takes a push and leaves the event in the outbox; a relay process (--role=relay) publishes it and serves probes only',
    async () => {
      const terminal = await deviceApiOn(db, api.url, 'store-a');
      const pushed = await terminal.push(
        'sales',
        asPushRows([makeSale('store-a', [{ productId: 'p001', qtyBase: 1 }])]),
      );
      expect(pushed).toMatchObject({ status: 200, body: [] });
      // Writers wake the relay at once (NOTIFY) and it polls every second: two seconds without
      // a relay process must leave the event pending.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const before = await readOutboxBacklog(db);
      expect(before.pending).toBeGreaterThan(0);
      const apiMetrics = await (await fetch(`${api.url}/metrics`)).text();
      expect(apiMetrics).not.toMatch(/^outbox_relay_leader /m);

      relay = await startCompiledServer(db.connectionString ?? '', { args: ['--role=relay'] });
      const ready = await fetch(`${relay.url}/readyz`);
      expect(ready.status).toBe(200);
      const state = await fetch(`${relay.url}/v1/sync/state`);
      expect(state.status).toBe(404);
      expect(await state.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
      const metrics = await fetch(`${relay.url}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toMatch(/^outbox_relay_leader 1$/m);

      await eventually(async () => {
        expect((await readOutboxBacklog(db)).pending).toBe(0);
      }, 15_000);

      // A jobs process: probes and metrics too, no API, no relay.
      const jobs = await startCompiledServer(db.connectionString ?? '', { env: { ROLES: 'jobs' } });
      try {
        expect((await fetch(`${jobs.url}/readyz`)).status).toBe(200);
        expect((await fetch(`${jobs.url}/v1/devices/enroll`, { method: 'POST' })).status).toBe(404);
        expect(await (await fetch(`${jobs.url}/metrics`)).text()).not.toMatch(
          /^outbox_relay_leader /m,
        );
      } finally {
        expect(await jobs.stop()).toBe(0);
      }
      expect(await relay.stop()).toBe(0);
      expect(await api.stop()).toBe(0);
    },
    60_000,
  );
});
