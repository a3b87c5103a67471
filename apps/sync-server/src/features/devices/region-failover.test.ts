import type { Sale } from '@kiryana/shared';
import { type FetchLike, createSyncApi, createSyncEndpoints } from '@kiryana/sync-client';
import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../http/app-env';
import { eventually } from '../../testing/eventually';
import { openRxTerminal } from '../../testing/rx-terminal';
import { suiteFixture } from '../../testing/suite-fixture';
import { makeSale } from '../../testing/sync-fixtures';
import { openSecondProcess, openSyncHarness } from '../../testing/sync-harness';
import { postgresOnly } from '../../testing/test-databases';
import { createEnrolmentCode } from './device.service';

/**
 * Regions (issue 20): a terminal enrolled in a region with two sync endpoints gets both, home
 * first; when home stops answering it moves its pushes to the other region's server after N
 * failures, without losing or doubling a sale, and once home answers again for the hold time it
 * moves back. Two real app processes (own pools, own live hubs) on one Postgres database stand in
 * for the two regions; "home stops" is its address refusing connections, as a dead host does.
 */

const HOME = 'http://home.region.test';
const OTHER = 'http://other.region.test';
const HOLD_MS = 600;
const FAILURES = 3;

describe.each(postgresOnly())('a terminal fails over between regions on $name', (database) => {
  const h = suiteFixture(() => openSyncHarness(database), { skip: database.skip });
  const other = suiteFixture(() => openSecondProcess(h), { skip: database.skip });

  it.skipIf(database.skip)(
    'enrols with the region’s endpoints, bills through home’s outage on the other region, and returns home after the hold time',
    async () => {
      await h.db.query('UPDATE regions SET sync_endpoints = $1 WHERE id = $2', [
        [HOME, OTHER],
        'r1',
      ]);
      // Enrolment hands out the list; a region without one answers as before (no field).
      const enrolled = await enrol(h.app, h.deps, 'store-a');
      expect(enrolled.endpoints).toEqual([HOME, OTHER]);
      expect((await enrol(h.app, h.deps, 'store-c')).endpoints).toBeUndefined();

      const token = h.devices.a.token;
      let homeDown = false;
      const served = { home: 0, other: 0 };
      const fetchFn: FetchLike = async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        const onHome = url.origin === HOME;
        if (onHome && homeDown) throw new TypeError('fetch failed (connection refused)');
        served[onHome ? 'home' : 'other'] += 1;
        const headers = new Headers(init?.headers);
        headers.set('authorization', `Bearer ${token}`);
        const app = onHome ? h.app : other.app;
        return app.request(`${url.pathname}${url.search}`, { ...init, headers });
      };
      const switches: { to: string; atMs: number }[] = [];
      const endpoints = createSyncEndpoints({
        endpoints: enrolled.endpoints ?? [],
        fetchFn,
        config: {
          failuresToFailover: FAILURES,
          backoffBaseMs: 10,
          backoffMaxMs: 40,
          homeHoldMs: HOLD_MS,
          probeIntervalMs: 50,
        },
        onSwitch: (to) => switches.push({ to, atMs: Date.now() }),
      });
      const api = createSyncApi(fetchFn, endpoints);
      const t = await openRxTerminal(() => Promise.reject(new Error('unused')), {
        collections: ['sales'],
        api,
      });
      const made: Sale[] = [];
      const bill = async (count: number) => {
        const sales = Array.from({ length: count }, (_, i) =>
          makeSale('store-a', [{ productId: 'p001', qtyBase: 1 + (i % 3) }]),
        );
        made.push(...sales);
        // Billing writes to the local database only: it never waits for a server.
        await t.collection('sales').bulkInsert(sales);
      };
      const stored = async () => {
        const { rows } = await h.db.query<{ n: string; distinct_ids: string; total: string }>(
          `SELECT count(*)::text AS n, count(DISTINCT id)::text AS distinct_ids,
                  coalesce(sum(total_minor), 0)::text AS total
             FROM sales WHERE id = ANY($1)`,
          [made.map((s) => s.id)],
        );
        return rows[0];
      };
      const expected = () => ({
        n: String(made.length),
        distinct_ids: String(made.length),
        total: String(made.reduce((sum, s) => sum + s.totals.totalMinor, 0)),
      });
      try {
        await bill(5);
        await eventually(async () => {
          expect(await stored()).toEqual(expected());
        });
        expect(endpoints.current()).toBe(HOME);
        const otherBefore = served.other;

        homeDown = true;
        await bill(10);
        await eventually(async () => {
          expect(await stored()).toEqual(expected());
        });
        expect(endpoints.current()).toBe(OTHER);
        expect(served.other).toBeGreaterThan(otherBefore);
        expect(switches.map((s) => s.to)).toEqual([OTHER]);

        // Home answers again: the terminal stays on the other region for the hold time, then
        // moves back, and what it bills next goes home.
        homeDown = false;
        const backAtMs = Date.now();
        await bill(3);
        await eventually(() => {
          expect(endpoints.current()).toBe(HOME);
        }, 10_000);
        const home = switches.at(-1);
        expect(home?.to).toBe(HOME);
        expect((home?.atMs ?? 0) - backAtMs).toBeGreaterThanOrEqual(HOLD_MS - 60);
        expect(switches.map((s) => s.to)).toEqual([OTHER, HOME]);
        const homeBefore = served.home;
        await bill(4);
        await eventually(async () => {
          expect(await stored()).toEqual(expected());
        });
        expect(served.home).toBeGreaterThan(homeBefore);
      } finally {
        endpoints.stop();
        await t.close();
      }
    },
    30_000,
  );
});

/** Enrols a terminal of `storeId` through the route and returns what it answered. */
async function enrol(
  app: Hono<AppEnv>,
  deps: Parameters<typeof createEnrolmentCode>[0],
  storeId: string,
): Promise<{ endpoints?: string[] }> {
  const store = await deps.db.query<{ code: string }>('SELECT code FROM stores WHERE id = $1', [
    storeId,
  ]);
  const { code } = await createEnrolmentCode(deps, store.rows[0]?.code ?? '');
  const response = await app.request('/v1/devices/enroll', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, terminalName: 'Regional till' }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { endpoints?: string[] };
}
