import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CompiledProcess,
  deviceApiOn,
  startCompiledServer,
} from '../testing/compiled-process';
import { eventually } from '../testing/eventually';
import { asPushRows, insertProducts, insertStores, makeSale } from '../testing/sync-fixtures';
import { type TestDb, postgresOnly } from '../testing/test-databases';

const DRAIN_MS = 3_000;

/**
 * The compiled build (`node dist/server.mjs`, scripts/build.mjs) as operators run it: it starts,
 * is ready, takes pushes, and drains on SIGTERM: /readyz 503 while requests are still served,
 * event streams ended, exit 0.
 */
describe.each(postgresOnly())('compiled server on $name', ({ open, skip }) => {
  let db: TestDb;
  let server: CompiledProcess;

  beforeAll(async () => {
    if (skip) return;
    db = await open();
    await insertStores(db, 'r1', ['store-a']);
    await insertProducts(db, ['p001']);
    server = await startCompiledServer(db.connectionString ?? '', {
      env: { DRAIN_MS: String(DRAIN_MS) },
    });
  }, 60_000);

  afterAll(async () => {
    if (skip) return;
    server.child.kill('SIGKILL');
    await db.close();
  });

  it.skipIf(skip)('answers /readyz 200 and a push', async () => {
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    const api = await deviceApiOn(db, server.url, 'store-a');
    const pushed = await api.push(
      'sales',
      asPushRows([makeSale('store-a', [{ productId: 'p001', qtyBase: 1 }])]),
    );
    expect(pushed).toMatchObject({ status: 200, body: [] });
  });

  it.skipIf(skip)(
    'on SIGTERM: /readyz 503 draining while a push still succeeds, then streams end and it exits 0',
    async () => {
      const api = await deviceApiOn(db, server.url, 'store-a');
      const stream = await api.stream();
      expect((await stream.events.next()).value).toMatchObject({ event: 'resync' });
      const signalled = Date.now();
      server.child.kill('SIGTERM');

      await eventually(async () => {
        const ready = await fetch(`${server.url}/readyz`);
        expect(ready.status).toBe(503);
        expect(await ready.json()).toMatchObject({
          error: { code: 'UNAVAILABLE', details: { reason: 'draining' } },
        });
      }, 2_000);
      // Still serving: the gateway has not taken it out of rotation yet.
      const sale = makeSale('store-a', [{ productId: 'p001', qtyBase: 2 }]);
      const pushed = await api.push('sales', asPushRows([sale]));
      expect(pushed).toMatchObject({ status: 200, body: [] });
      expect(Date.now() - signalled).toBeLessThan(DRAIN_MS);
      const stored = await db.query('SELECT 1 FROM sales WHERE id = $1', [sale.id]);
      expect(stored.rowCount).toBe(1);

      // The stream ends (its client would reconnect elsewhere) once the window is over.
      // Cut rather than ended cleanly (boot/drain.ts says why); either way the client reconnects.
      const ended = await (async () => {
        try {
          while (!(await stream.events.next()).done);
          return 'ended';
        } catch {
          return 'cut';
        }
      })();
      expect(['ended', 'cut']).toContain(ended);
      expect(Date.now() - signalled).toBeGreaterThanOrEqual(DRAIN_MS - 100);
      expect(await server.exited).toBe(0);
      // Exited well before the shutdown grace would have cut the stream.
      expect(Date.now() - signalled).toBeLessThan(DRAIN_MS + 2_500);
    },
    30_000,
  );
});
