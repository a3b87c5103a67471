import { type EventEnvelope, errorEnvelope } from '@kiryana/shared';
import { readSse } from '@kiryana/sync-client';
import { describe, expect, it } from 'vitest';
import { createLiveHub } from '../../live/live-hub';
import { nextEvent, syncApi } from '../../testing/sync-api';
import { makeMovement } from '../../testing/sync-fixtures';
import { deviceFetcher } from '../../testing/sync-test-app';
import { suiteFixture } from '../../testing/suite-fixture';
import { testDatabases } from '../../testing/test-databases';
import { openAdminTestApp } from '../admin-api/admin-test-kit';
import { createEmbeddedBus } from '../events/embedded-bus';
import type { EventBus } from '../events/event-bus';
import { collect, deleteStream, testStream } from '../events/events-test-kit';
import { pgliteLeaderSessions } from '../events/leader-session';
import { createNatsBus } from '../events/nats-bus';
import { relayBatch } from '../events/outbox-relay';
import { testNatsUrl } from '../../testing/test-nats-env';
import { recordLowStock } from './notification.service';
import { startStockConsumers } from './stock-consumers';

type Listed = {
  notifications: {
    id: string;
    storeId: string;
    productId: string;
    qtyBase: number;
    readAt: string | null;
  }[];
  unread: number;
};

const natsUrl = await testNatsUrl();
type Adapter = {
  bus: string;
  open: () => Promise<{ bus: EventBus; cleanUp: () => Promise<void> }>;
};
const adapters: Adapter[] = [
  {
    bus: 'embedded',
    open: () => Promise.resolve({ bus: createEmbeddedBus(), cleanUp: () => Promise.resolve() }),
  },
];
if (natsUrl) {
  const url = natsUrl;
  adapters.push({
    bus: 'nats',
    open: async () => {
      const { stream, subjectRoot } = testStream();
      const bus = await createNatsBus({ url, stream, subjectRoot });
      return { bus, cleanUp: () => deleteStream(url, stream) };
    },
  });
}
const cases = testDatabases().flatMap((database) =>
  adapters.map((adapter) => ({
    name: `${database.name} and the ${adapter.bus} bus`,
    database,
    adapter,
  })),
);

/**
 * The stock consumers and the notifications API over the real app, database, live hub (LISTEN/
 * NOTIFY) and relay onto each bus adapter: a push that takes p1 to or below its reorder level
 * (5) raises one notification, once, whoever redelivers it; the admin stream carries the level and
 * the alert to readers in scope only; the list and marking read stay within the reader's stores.
 */
describe.each(cases)('stock consumers and notifications on $name', ({ database, adapter }) => {
  const t = suiteFixture(async () => {
    const app = await openAdminTestApp(database);
    await app.db.query("UPDATE products SET reorder_level_base = 5 WHERE id = 'p1'");
    // The consumers' process: a hub of its own, as another server process would have.
    const live = await createLiveHub(app.db);
    const { bus, cleanUp } = await adapter.open();
    const seen = await collect(bus, 'test-observer');
    const stop = await startStockConsumers({ db: app.db, live }, bus);
    const session = await pgliteLeaderSessions(app.db)();
    return {
      ...app,
      live,
      seen,
      /** Publishes what the writers committed, as the relay's leader does. */
      relay: () => relayBatch(session, { bus }, { stores: 10, perStore: 1000 }),
      async receive(storeId: 's1a' | 's1b' | 's2a', qty: number) {
        const api = syncApi(deviceFetcher(app.app, app.devices[storeId]));
        const pushed = await api.push('stock-movements', [
          { newDocumentState: makeMovement(storeId, 'p1', qty) },
        ]);
        if (pushed.status !== 200) throw new Error(JSON.stringify(pushed.body));
      },
      async close() {
        await stop();
        await seen.close();
        await bus.close();
        await cleanUp();
        await live.close();
        await app.close();
      },
    };
  });

  const rows = async () =>
    (
      await t.db.query<{ store_id: string; qty_base: string }>(
        'SELECT store_id, qty_base::text FROM notifications ORDER BY occurred_at, store_id',
      )
    ).rows.map((r) => [r.store_id, Number(r.qty_base)]);
  const waitFor = async <T>(probe: () => Promise<T>, done: (value: T) => boolean) => {
    const until = Date.now() + 10_000;
    for (;;) {
      const value = await probe();
      if (done(value) || Date.now() > until) return value;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  it('streams levels and alerts to readers in scope, and stores one notification per crossing', async () => {
    const controller = new AbortController();
    const res = await t.as('regional', '/v1/admin/dashboard/stream', { signal: controller.signal });
    const reader = (res.body as ReadableStream<Uint8Array>)
      .pipeThrough(new TextDecoderStream())
      .getReader();
    const events = readSse(reader);
    expect((await nextEvent(events, () => true)).event).toBe('resync');

    await t.receive('s2a', 10);
    await t.sell('s2a', 6); // 10 → 4 in region r2: not for this reader
    await t.receive('s1a', 8);
    await t.sell('s1a', 2); // 8 → 6
    await t.sell('s1a', 2); // 6 → 4: crosses
    await t.sell('s1a', 1); // 4 → 3: stays low, no second alert
    await t.relay();

    const hints: { event: string; data: unknown }[] = [];
    while (hints.filter((h) => h.event === 'stock').length < 4) {
      const next = await nextEvent(
        events,
        (e) => e.event === 'stock' || e.event === 'notification',
      );
      hints.push({ event: next.event, data: JSON.parse(next.data) });
    }
    const stock = hints.filter((h) => h.event === 'stock').map((h) => h.data);
    // Each hint carries the level as stored when it left: by then every push had committed.
    expect(stock).toEqual(Array(4).fill({ storeId: 's1a', productId: 'p1', level: 3 }));
    const raised = hints.find((h) => h.event === 'notification');
    const alert = raised
      ? raised.data
      : (JSON.parse((await nextEvent(events, (e) => e.event === 'notification')).data) as unknown);
    expect(alert).toEqual({ storeId: 's1a', id: expect.any(String) as string });
    await reader.cancel();
    controller.abort();

    expect(await waitFor(rows, (r) => r.length === 2)).toEqual([
      ['s2a', 4],
      ['s1a', 4],
    ]);
  });

  it('raises again after the level went back above, and ignores a redelivered event', async () => {
    await t.receive('s1a', 10); // 3 → 13
    await t.sell('s1a', 9); // 13 → 4: a second crossing
    await t.relay();
    expect(await waitFor(rows, (r) => r.length === 3)).toEqual([
      ['s2a', 4],
      ['s1a', 4],
      ['s1a', 4],
    ]);
    // At-least-once: the same event handled again (a redelivery) changes nothing.
    const lowEvents = () =>
      Promise.resolve(t.seen.events.filter((e: EventEnvelope) => e.type === 'stock.low'));
    const lows = await waitFor(lowEvents, (events) => events.length >= 3);
    expect(lows).toHaveLength(3);
    for (const event of lows) await recordLowStock({ db: t.db, live: t.live }, event);
    expect(await rows()).toHaveLength(3);
    const ids = (await t.db.query<{ id: string }>('SELECT id::text AS id FROM notifications')).rows;
    expect(ids.map((r) => r.id).sort()).toEqual(lows.map((e) => e.id).sort());
  });

  it('lists and marks read only within the reader’s stores', async () => {
    const regional = (await (await t.as('regional', '/v1/admin/notifications')).json()) as Listed;
    expect(regional.unread).toBe(2);
    expect(
      regional.notifications.map((n) => [n.storeId, n.productId, n.qtyBase, n.readAt]),
    ).toEqual([
      ['s1a', 'p1', 4, null],
      ['s1a', 'p1', 4, null],
    ]);
    const hq = (await (await t.as('hq', '/v1/admin/notifications')).json()) as Listed;
    expect(hq.unread).toBe(3);
    const other = hq.notifications.find((n) => n.storeId === 's2a');
    const mine = regional.notifications[0];
    if (!other || !mine) throw new Error('missing notifications');

    const refused = await t.as('storeManager', `/v1/admin/notifications/${other.id}/read`, {
      method: 'POST',
    });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toEqual(errorEnvelope('NOT_FOUND', 'No such notification.'));
    const marked = await t.as('storeManager', `/v1/admin/notifications/${mine.id}/read`, {
      method: 'POST',
    });
    expect(await marked.json()).toEqual({ marked: 1, unread: 1 });
    const unread = (await (
      await t.as('regional', '/v1/admin/notifications?unread=true')
    ).json()) as Listed;
    expect(unread.notifications.map((n) => n.id)).not.toContain(mine.id);
    expect(unread.unread).toBe(1);

    const all = await t.as('regional', '/v1/admin/notifications/read-all', { method: 'POST' });
    expect(await all.json()).toEqual({ marked: 1, unread: 0 });
    const hqAfter = (await (await t.as('hq', '/v1/admin/notifications')).json()) as Listed;
    expect(hqAfter.unread).toBe(1);
    expect(
      (await t.as('regional', '/v1/admin/notifications/not-a-uuid/read', { method: 'POST' }))
        .status,
    ).toBe(400);
  });
});
