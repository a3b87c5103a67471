import { randomBytes } from 'node:crypto';
import { businessDate, errorEnvelope } from '@kiryana/shared';
import type { Hono } from 'hono';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import type { AppEnv } from '../../http/app-env';
import { suiteFixture } from '../../testing/suite-fixture';
import { syncApi } from '../../testing/sync-api';
import { insertProducts, insertStores, makeSale } from '../../testing/sync-fixtures';
import {
  type TestDevice,
  createTestDeps,
  deviceFetcher,
  enrolTestDevice,
} from '../../testing/sync-test-app';
import { type TestDatabase, type TestDb, testDatabases } from '../../testing/test-databases';
import { type Events, startEvents } from '../events/start-events';
import { createIdentity } from '../identity/identity';
import { TEST_ISSUER, createTestIssuer, testIdentityConfig } from '../identity/identity-test-kit';
import { type Webhooks, startWebhooks } from './start-webhooks';
import { type Receiver, startReceiver } from './webhooks-test-kit';

/** Who calls, as grant entries of their tokens. */
const CALLERS = {
  erp: ['integration@all', 'webhooks:manage@all'],
  storeA: ['integration@all', 'webhooks:manage@store:s1a'],
  region1: ['integration@all', 'webhooks:manage@region:r1'],
  readOnly: ['integration@all', 'sales:read@all'],
  hqAdmin: ['hq_admin@all'],
} as const;

type Caller = keyof typeof CALLERS;

type ApiTestApp = {
  readonly app: Hono<AppEnv>;
  readonly db: TestDb;
  call(
    caller: Caller,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }>;
  sell(storeId: 's1a' | 's1b' | 's2a'): Promise<string>;
  close(): Promise<void>;
};

/**
 * The real app with identity (a test issuer), stores s1a, s1b (region r1) and s2a (r2) with a
 * terminal each, and the event backbone running as server.ts runs it: outbox relay, in-process
 * bus, the webhooks consumer and dispatcher.
 */
async function openApiTestApp(database: TestDatabase): Promise<ApiTestApp> {
  const db = await database.open();
  await insertStores(db, 'r1', ['s1a', 's1b']);
  await insertStores(db, 'r2', ['s2a']);
  await insertProducts(db, ['p1']);
  await db.query(
    `INSERT INTO tax_rates (id, tax_class_id, rate_bp, effective_from, description)
     VALUES ('gst5@2017-07-01', 'gst5', 500, '2017-07-01', 'GST 5%')`,
  );
  const clock = { now: () => Date.now() };
  const logger = pino({ level: 'silent' });
  const issuer = await createTestIssuer(clock, 'webhooks-1');
  const events: Events = await startEvents(
    { db, logger },
    { databaseUrl: db.connectionString },
    { idleMs: 20 },
  );
  const webhooks: Webhooks = await startWebhooks(
    { db, clock, logger, bus: events.bus },
    { pollMs: 50 },
  );
  const deps = await createTestDeps(db, {
    clock,
    webhooks: { allowPrivateTargets: false, onDue: webhooks.wake },
  });
  const identity = await createIdentity({
    db,
    clock,
    secret: randomBytes(32).toString('base64url'),
    verifyDeviceToken: deps.verifyDeviceToken,
    config: testIdentityConfig({ external: { issuer: TEST_ISSUER, jwks: issuer.jwks } }),
  });
  const app = createApp({ ...deps, identity });
  const tokens = new Map<string, string>();
  for (const [name, grants] of Object.entries(CALLERS)) {
    tokens.set(name, await issuer.mint(name, grants, 3600));
  }
  const devices: Record<string, TestDevice> = {};
  for (const store of ['s1a', 's1b', 's2a']) {
    devices[store] = await enrolTestDevice(app, deps, store, 'Till 1');
  }
  return {
    app,
    db,
    async call(caller, method, path, body) {
      const response = await app.request(path, {
        method,
        headers: {
          authorization: `Bearer ${tokens.get(caller) ?? ''}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined
          ? {}
          : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
    },
    async sell(storeId) {
      const device = devices[storeId];
      if (!device) throw new Error(storeId);
      const sale = makeSale(storeId, [{ productId: 'p1', qtyBase: 1 }], {
        businessDate: businessDate(new Date()),
        createdAt: new Date().toISOString(),
      });
      const pushed = await syncApi(deviceFetcher(app, device)).push('sales', [
        { newDocumentState: sale },
      ]);
      if (pushed.status !== 200) throw new Error(`push failed: ${JSON.stringify(pushed.body)}`);
      return sale.id;
    },
    async close() {
      await webhooks.stop();
      await events.stop();
      await deps.live.close();
      await db.close();
    },
  };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const PUBLIC_URL = 'https://hooks.example.com/kiryana';

describe.each(testDatabases())('webhooks API on $name', (database) => {
  const t = suiteFixture(() => openApiTestApp(database));

  it('delivers a pushed sale, signed, to a subscriber of its store; never one of another store', async () => {
    const receivers: Receiver[] = [];
    try {
      const a = await startReceiver();
      const all = await startReceiver();
      receivers.push(a, all);
      // Private targets are refused by this app: subscribe with a public URL, then point the
      // rows at the local receivers as an operator would allow (the dispatcher here allows them).
      const subA = await t.call('storeA', 'POST', '/v1/webhooks/subscriptions', {
        url: PUBLIC_URL,
        eventTypes: ['sale.recorded'],
        description: 'store A only',
      });
      expect(subA).toMatchObject({
        status: 201,
        body: {
          url: PUBLIC_URL,
          eventTypes: ['sale.recorded'],
          storeIds: null,
          description: 'store A only',
          status: 'active',
          secret: expect.stringMatching(/^whsec_/) as string,
        },
      });
      const subAll = await t.call('erp', 'POST', '/v1/webhooks/subscriptions', {
        url: PUBLIC_URL,
        eventTypes: ['sale.recorded', 'stock.moved'],
      });
      const idA = (subA.body as { id: string }).id;
      const idAll = (subAll.body as { id: string }).id;
      await t.db.query('UPDATE webhook_subscriptions SET url = $2 WHERE id = $1', [idA, a.url]);
      await t.db.query('UPDATE webhook_subscriptions SET url = $2 WHERE id = $1', [idAll, all.url]);

      const saleA = await t.sell('s1a');
      const saleB = await t.sell('s2a');
      await until(() => all.accepted().length === 2 && a.accepted().length === 1);
      // Give a wrong delivery to store A's receiver the time to arrive, then look again.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(a.received.map((r) => r.event.data)).toMatchObject([{ saleId: saleA }]);
      expect(
        all
          .accepted()
          .map((e) => (e.data as { saleId: string }).saleId)
          .sort(),
      ).toEqual([saleA, saleB].sort());
      const first = a.received[0];
      if (!first) throw new Error('nothing received');
      const secret = (subA.body as { secret: string }).secret;
      expect(
        new Webhook(secret).verify(first.body, first.headers as Record<string, string>),
      ).toMatchObject({
        type: 'sale.recorded',
        storeId: 's1a',
      });
      const log = await t.call('storeA', 'GET', `/v1/webhooks/subscriptions/${idA}/deliveries`);
      expect(log).toMatchObject({
        status: 200,
        body: {
          items: [{ eventType: 'sale.recorded', storeId: 's1a', status: 'delivered', attempts: 1 }],
          nextCursor: null,
        },
      });
    } finally {
      for (const r of receivers) await r.close();
    }
  });

  it('lets a region-scoped integration cover every store of its region, including later ones', async () => {
    const made = await t.call('region1', 'POST', '/v1/webhooks/subscriptions', {
      url: PUBLIC_URL,
      eventTypes: ['stock.moved'],
    });
    expect(made.status).toBe(201);
    expect(
      await t.call('region1', 'POST', '/v1/webhooks/subscriptions', {
        url: PUBLIC_URL,
        eventTypes: ['stock.moved'],
        storeIds: ['s1b'],
      }),
    ).toMatchObject({ status: 201, body: { storeIds: ['s1b'] } });
    expect(
      await t.call('region1', 'POST', '/v1/webhooks/subscriptions', {
        url: PUBLIC_URL,
        eventTypes: ['stock.moved'],
        storeIds: ['s1a', 's2a'],
      }),
    ).toEqual({
      status: 403,
      body: errorEnvelope('FORBIDDEN', 'This needs the webhooks:manage permission here.', {
        permission: 'webhooks:manage',
      }),
    });
  });

  it('answers client mistakes with the shared envelope, never a 5xx', async () => {
    const bad = async (caller: Caller, method: string, path: string, body?: unknown) =>
      (await t.call(caller, method, path, body)).status;
    const post = (body: unknown) => bad('erp', 'POST', '/v1/webhooks/subscriptions', body);
    expect(await post({ url: 'ftp://x.example.com/', eventTypes: ['sale.recorded'] })).toBe(400);
    expect(await post({ url: 'not a url', eventTypes: ['sale.recorded'] })).toBe(400);
    expect(await post({ url: 'https://u:p@x.example.com/', eventTypes: ['sale.recorded'] })).toBe(
      400,
    );
    expect(await post({ url: PUBLIC_URL, eventTypes: [] })).toBe(400);
    expect(await post({ url: PUBLIC_URL, eventTypes: ['sale.nope'] })).toBe(400);
    expect(await post({ url: PUBLIC_URL, eventTypes: ['sale.recorded'], extra: 1 })).toBe(400);
    expect(await post({ url: PUBLIC_URL, eventTypes: ['sale.recorded'], storeIds: ['zz'] })).toBe(
      400,
    );
    expect(await post('{"url":')).toBe(400);
    // This app refuses private targets (as production does by default).
    expect(await post({ url: 'http://127.0.0.1:9/x', eventTypes: ['sale.recorded'] })).toBe(400);
    expect(await post({ url: 'http://localhost/x', eventTypes: ['sale.recorded'] })).toBe(400);
    expect(await post({ url: 'http://[::1]/x', eventTypes: ['sale.recorded'] })).toBe(400);
    expect(await post({ url: 'http://169.254.169.254/x', eventTypes: ['sale.recorded'] })).toBe(
      400,
    );
    expect(await post({ url: 'http://10.1.2.3/x', eventTypes: ['sale.recorded'] })).toBe(400);
    expect(await bad('readOnly', 'GET', '/v1/webhooks/subscriptions')).toBe(403);
    expect((await t.app.request('/v1/webhooks/subscriptions')).status).toBe(401);

    const made = await t.call('erp', 'POST', '/v1/webhooks/subscriptions', {
      url: PUBLIC_URL,
      eventTypes: ['sale.recorded'],
    });
    const id = (made.body as { id: string }).id;
    const base = `/v1/webhooks/subscriptions/${id}`;
    const unknown = '/v1/webhooks/subscriptions/00000000-0000-4000-8000-000000000000';
    for (const path of [unknown, '/v1/webhooks/subscriptions/nope']) {
      expect(await bad('erp', 'GET', path)).toBe(404);
      expect(await bad('erp', 'PATCH', path, { status: 'paused' })).toBe(404);
      expect(await bad('erp', 'DELETE', path)).toBe(404);
      expect(await bad('erp', 'POST', `${path}/rotate-secret`)).toBe(404);
      expect(await bad('erp', 'GET', `${path}/deliveries`)).toBe(404);
      expect(await bad('erp', 'POST', `${path}/replay`)).toBe(404);
    }
    // Another owner's subscription is as unknown as one that does not exist.
    expect(await bad('hqAdmin', 'GET', base)).toBe(404);
    expect(await bad('hqAdmin', 'DELETE', base)).toBe(404);
    expect(await bad('erp', 'POST', '/v1/webhooks/deliveries/999999/replay')).toBe(404);
    expect(await bad('erp', 'POST', '/v1/webhooks/deliveries/x/replay')).toBe(404);
    expect(await bad('erp', 'GET', `${base}/deliveries?status=lost`)).toBe(400);
    expect(await bad('erp', 'GET', `${base}/deliveries?limit=0`)).toBe(400);
    expect(await bad('erp', 'GET', `${base}/deliveries?cursor=-1`)).toBe(400);
    expect(await bad('erp', 'POST', `${base}/rotate-secret`, { overlapSeconds: 8 * 86_400 })).toBe(
      400,
    );
    expect(await bad('erp', 'POST', `${base}/replay`, { from: 'yesterday' })).toBe(400);
    expect(await bad('erp', 'PATCH', base, { status: 'disabled' })).toBe(400);

    expect(
      await t.call('erp', 'PATCH', base, { status: 'paused', storeIds: ['s1a'] }),
    ).toMatchObject({
      status: 200,
      body: { status: 'paused', storeIds: ['s1a'] },
    });
    expect(await t.call('erp', 'PATCH', base, { storeIds: null })).toMatchObject({
      status: 200,
      body: { status: 'paused', storeIds: null },
    });
    const rotated = await t.call('erp', 'POST', `${base}/rotate-secret`, { overlapSeconds: 60 });
    expect(rotated).toMatchObject({
      status: 200,
      body: { secret: expect.stringMatching(/^whsec_/) as string },
    });
    expect(await t.call('erp', 'POST', `${base}/replay`)).toEqual({
      status: 202,
      body: { replayed: 0 },
    });
    const listed = await t.call('erp', 'GET', '/v1/webhooks/subscriptions');
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
    expect(await bad('erp', 'DELETE', base)).toBe(204);
    expect(await bad('erp', 'GET', base)).toBe(404);
  });
});
