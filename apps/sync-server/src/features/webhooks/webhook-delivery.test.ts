import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@kiryana/shared';
import { insertStores } from '../../testing/sync-fixtures';
import { type TestDb, testDatabases } from '../../testing/test-databases';
import { claimDueDeliveries, insertDeliveriesFor } from './webhook-delivery.queries';
import { type DispatcherOptions, startWebhookDispatcher } from './webhook-dispatcher';
import { DEFAULT_RETRY_POLICY } from './webhook-retry';
import {
  type ManualClock,
  type Receiver,
  inStoreOrder,
  integrationActor,
  manualClock,
  startReceiver,
  testEvent,
} from './webhooks-test-kit';
import {
  type WebhooksDeps,
  createSubscription,
  listDeliveries,
  replayMany,
  replayOne,
  rotateSecret,
} from './webhooks.service';

const HQ = integrationActor('erp', ['all']);
const HOUR = 3_600_000;

describe.each(testDatabases())('webhook delivery on $name', (database) => {
  let db: TestDb;
  let clock: ManualClock;
  let deps: WebhooksDeps;
  const receivers: Receiver[] = [];
  const stops: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    db = await database.open();
    await insertStores(db, 'r1', ['s1', 's2']);
    await insertStores(db, 'r2', ['s3']);
    clock = manualClock();
    deps = { db, clock, allowPrivateTargets: true };
  });
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    for (const receiver of receivers.splice(0)) await receiver.close();
    await db.close();
  });

  async function receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
    const started = await startReceiver(...args);
    receivers.push(started);
    return started;
  }

  function dispatcher(options: DispatcherOptions = {}, random = () => 0.5) {
    const started = startWebhookDispatcher({ db, clock, random }, { loop: false, ...options });
    stops.push(() => started.stop());
    return started;
  }

  async function fanOut(events: readonly EventEnvelope[]): Promise<void> {
    await insertDeliveriesFor(
      db,
      events.map((event) => ({ ...event, payload: JSON.stringify(event) })),
      new Date(clock.now()).toISOString(),
    );
  }

  async function subscribe(url: string, storeIds?: string[]) {
    return createSubscription(deps, HQ, {
      url,
      eventTypes: ['stock.level_changed'],
      ...(storeIds ? { storeIds } : {}),
    });
  }

  it('signs per Standard Webhooks; during a rotation both secrets verify, after it only the new', async () => {
    const hook = await receiver();
    const sub = await subscribe(hook.url);
    const d = dispatcher();
    await fanOut([testEvent('s1', 'r1', 1)]);
    expect(await d.runOnce()).toBe(1);
    const [first] = hook.received;
    if (!first) throw new Error('nothing received');
    const headers = first.headers as Record<string, string>;
    expect(headers['webhook-id']).toBe(testEvent('s1', 'r1', 1).id);
    expect(new Webhook(sub.secret).verify(first.body, headers)).toEqual(testEvent('s1', 'r1', 1));
    expect(() => new Webhook(`whsec_${'A'.repeat(32)}`).verify(first.body, headers)).toThrow();

    const rotated = await rotateSecret(deps, HQ, sub.id, 60);
    expect(rotated.previousSecretExpiresAt).toBe(new Date(clock.now() + 60_000).toISOString());
    await fanOut([testEvent('s1', 'r1', 2)]);
    await d.runOnce();
    const during = hook.received[1];
    if (!during) throw new Error('nothing received');
    const duringHeaders = during.headers as Record<string, string>;
    expect(duringHeaders['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(new Webhook(rotated.secret).verify(during.body, duringHeaders)).toBeTruthy();
    expect(new Webhook(sub.secret).verify(during.body, duringHeaders)).toBeTruthy();

    clock.advance(61_000); // past the overlap; still within the verifier's 5-minute tolerance
    await fanOut([testEvent('s1', 'r1', 3)]);
    await d.runOnce();
    const after = hook.received[2];
    if (!after) throw new Error('nothing received');
    const afterHeaders = after.headers as Record<string, string>;
    expect(afterHeaders['webhook-signature']?.split(' ')).toHaveLength(1);
    expect(new Webhook(rotated.secret).verify(after.body, afterHeaders)).toBeTruthy();
    expect(() => new Webhook(sub.secret).verify(after.body, afterHeaders)).toThrow();
  });

  it('retries a 500 with growing jittered waits for 3 days, then dead; replay delivers again', async () => {
    const hook = await receiver(() => ({ status: 500 }));
    const sub = await subscribe(hook.url);
    const d = dispatcher();
    await fanOut([testEvent('s1', 'r1', 1)]);
    const start = clock.now();
    const times: number[] = [];
    for (;;) {
      const claimed = await d.runOnce();
      if (claimed > 0) times.push(clock.now());
      const due = await d.nextDueAt();
      if (due === undefined) break;
      clock.set(Math.max(clock.now(), due));
      if (times.length > 1000) throw new Error('never dead');
    }
    const waits = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    // random() = 0.5: half of 5 s·2^n, capped at half an hour.
    expect(waits.slice(0, 4)).toEqual([2_500, 5_000, 10_000, 20_000]);
    expect(Math.max(...waits)).toBe(DEFAULT_RETRY_POLICY.capMs / 2);
    const last = times.at(-1) ?? 0;
    expect(last - start).toBeLessThanOrEqual(3 * 24 * HOUR);
    expect(last - start).toBeGreaterThan(3 * 24 * HOUR - HOUR);
    expect(hook.received).toHaveLength(times.length);
    const log = await listDeliveries(deps, HQ, sub.id, { limit: 10 });
    expect(log.items).toMatchObject([
      { status: 'dead', attempts: times.length, lastStatusCode: 500, lastError: 'HTTP 500' },
    ]);
    const attempts = await db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM webhook_attempts',
    );
    expect(attempts.rows[0]?.n).toBe(String(times.length));

    hook.answer(() => ({ status: 200 }));
    await replayOne(deps, HQ, log.items[0]?.id ?? '');
    expect(await d.runOnce()).toBe(1);
    expect((await listDeliveries(deps, HQ, sub.id, { limit: 10 })).items[0]).toMatchObject({
      status: 'delivered',
      lastStatusCode: 200,
    });
    // Bulk: everything delivered goes again.
    expect(await replayMany(deps, HQ, sub.id, { status: 'delivered' })).toBe(1);
    expect(await d.runOnce()).toBe(1);
    expect(hook.accepted()).toHaveLength(1);
    expect(hook.received.length).toBe(times.length + 2);
  });

  it('gives a slow receiver at most 4 deliveries at once, also from two dispatchers', async () => {
    const hook = await receiver(() => ({ status: 200, delayMs: 150 }));
    await subscribe(hook.url);
    const events = ['s1', 's2', 's3'].flatMap((store) =>
      [1, 2, 3, 4].map((seq) => testEvent(store, store === 's3' ? 'r2' : 'r1', seq)),
    );
    // Four more stores of region r1, so more than 4 stores have work at once.
    await insertStores(db, 'r1', ['s4', 's5', 's6', 's7']);
    for (const store of ['s4', 's5', 's6', 's7']) events.push(testEvent(store, 'r1', 1));
    await fanOut(events);
    const a = dispatcher();
    const b = dispatcher();
    while (hook.accepted().length < events.length) {
      await Promise.all([a.runOnce(), b.runOnce()]);
    }
    expect(hook.maxInFlight()).toBe(4);
    expect(inStoreOrder(hook.accepted())).toBe(true);
    expect(hook.received).toHaveLength(events.length);
  });

  it('counts a receiver that never answers as a timeout and retries it, never more than 4 at once', async () => {
    const hook = await receiver(() => 'hang');
    const sub = await subscribe(hook.url);
    await fanOut(['s1', 's2', 's3'].map((s) => testEvent(s, s === 's3' ? 'r2' : 'r1', 1)));
    const d = dispatcher({ timeoutMs: 200, perSubscription: 2 });
    expect(await d.runOnce()).toBe(2);
    expect(hook.maxInFlight()).toBeLessThanOrEqual(2);
    const log = await listDeliveries(deps, HQ, sub.id, { limit: 10, status: 'failed' });
    expect(log.items.map((i) => i.lastError)).toEqual([
      'timeout after 200 ms',
      'timeout after 200 ms',
    ]);
    expect(log.items.every((i) => i.lastStatusCode === null)).toBe(true);
    expect(await d.runOnce()).toBe(1); // the third; the first two wait for their retry
    clock.advance(2_500);
    hook.answer(() => ({ status: 204 }));
    expect(await d.runOnce()).toBe(2);
    clock.advance(2_500);
    expect(await d.runOnce()).toBe(1);
    expect(hook.accepted()).toHaveLength(3);
  });

  it('keeps a store’s order through failures; a dead delivery steps aside', async () => {
    const failFirst = new Map<string, number>();
    const hook = await receiver((request) => {
      // seq 1 fails 3 times, seq 3 always (it goes dead), the rest succeed.
      const seq = request.event.storeSeq;
      const n = (failFirst.get(seq) ?? 0) + 1;
      failFirst.set(seq, n);
      if (seq === '3') return { status: 503 };
      return { status: seq === '1' && n <= 3 ? 500 : 200 };
    });
    await subscribe(hook.url);
    await fanOut([1, 2, 3, 4, 5].map((seq) => testEvent('s1', 'r1', seq)));
    const d = dispatcher();
    for (let i = 0; i < 1000; i += 1) {
      await d.runOnce();
      const due = await d.nextDueAt();
      if (due === undefined) break;
      clock.set(Math.max(clock.now(), due));
    }
    const seqs = hook.received.map((r) => r.event.storeSeq);
    // Nothing of the store overtakes seq 1 while it is retried, nor seq 3 before it is dead.
    expect(seqs.slice(0, 5)).toEqual(['1', '1', '1', '1', '2']);
    expect(seqs.slice(-2)).toEqual(['4', '5']);
    expect(seqs.filter((s) => s === '3').length).toBeGreaterThan(50);
    expect(hook.accepted().map((e) => e.storeSeq)).toEqual(['1', '2', '4', '5']);
  });

  it('records a batch of events in one statement, per subscription and scope, idempotently', async () => {
    const hook = await receiver();
    const all = await subscribe(hook.url);
    const onlyS1 = await subscribe(hook.url, ['s1']);
    const r2Only = await createSubscription(deps, integrationActor('r2-erp', ['region:r2']), {
      url: hook.url,
      eventTypes: ['stock.level_changed'],
    });
    const batch = [
      testEvent('s1', 'r1', 1),
      testEvent('s2', 'r1', 1),
      testEvent('s3', 'r2', 1),
      testEvent('s1', 'r1', 1), // the bus may hand an event over twice
      { ...testEvent('s2', 'r1', 2), type: 'stock.low' as const },
    ];
    const rows = batch.map((event) => ({ ...event, payload: JSON.stringify(event) }));
    const nowIso = new Date(clock.now()).toISOString();
    // all: s1, s2, s3; onlyS1: s1; region r2: s3; nobody wants stock.low.
    expect(await insertDeliveriesFor(db, rows, nowIso)).toBe(5);
    expect(await insertDeliveriesFor(db, rows, nowIso)).toBe(0);
    const stores = async (id: string) =>
      (
        await listDeliveries(
          deps,
          id === r2Only.id ? integrationActor('r2-erp', ['region:r2']) : HQ,
          id,
          { limit: 10 },
        )
      ).items
        .map((item) => item.storeId)
        .sort();
    expect(await stores(all.id)).toEqual(['s1', 's2', 's3']);
    expect(await stores(onlyS1.id)).toEqual(['s1']);
    expect(await stores(r2Only.id)).toEqual(['s3']);
  });

  it('stops a run before an attempt could outlast its lease, and gives the rest back', async () => {
    const hook = await receiver(() => ({ status: 200, delayMs: 200 }));
    await subscribe(hook.url);
    await fanOut([1, 2, 3, 4, 5].map((seq) => testEvent('s1', 'r1', seq)));
    // Lease 5.6 s, timeout 0.5 s: no attempt starts after 0.1 s into the run (5 s margin).
    const d = dispatcher({ leaseMs: 5_600, timeoutMs: 500 });
    const first = await d.runOnce();
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThan(5);
    let sent = first;
    while (sent < 5) sent += await d.runOnce();
    expect(hook.accepted().map((e) => e.storeSeq)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('refuses to send to a private address when told to, resolving the name at send time', async () => {
    const hook = await receiver();
    const sub = await subscribe(hook.url.replace('127.0.0.1', 'localhost'));
    await fanOut([testEvent('s1', 'r1', 1)]);
    const d = dispatcher({ refusePrivateTargets: true });
    expect(await d.runOnce()).toBe(1);
    expect(hook.received).toHaveLength(0);
    const log = await listDeliveries(deps, HQ, sub.id, { limit: 10 });
    expect(log.items).toMatchObject([
      {
        status: 'failed',
        lastStatusCode: null,
        lastError: 'refused: localhost resolves to a private address',
      },
    ]);
  });

  it('takes over the claims of a dispatcher that died once their lease ran out', async () => {
    const hook = await receiver();
    await subscribe(hook.url);
    await fanOut([testEvent('s1', 'r1', 1), testEvent('s1', 'r1', 2)]);
    // A dispatcher claims and dies before sending.
    const dead = await claimDueDeliveries(db, {
      nowIso: new Date(clock.now()).toISOString(),
      subscriptions: 10,
      perSubscription: 4,
      perRun: 1,
      leaseToken: '00000000-0000-4000-8000-000000000000',
      leaseUntilIso: new Date(clock.now() + 40_000).toISOString(),
    });
    expect(dead).toHaveLength(1);
    const d = dispatcher();
    expect(await d.runOnce()).toBe(0);
    clock.advance(40_000);
    expect(await d.runOnce()).toBe(2); // both, one after the other
    expect(hook.accepted().map((e) => e.storeSeq)).toEqual(['1', '2']);
  });
});
