import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertStores } from '../../testing/sync-fixtures';
import { type TestDb, testDatabases } from '../../testing/test-databases';
import { testNatsUrl } from '../../testing/test-nats-env';
import { createEmbeddedBus } from '../events/embedded-bus';
import type { EventBus } from '../events/event-bus';
import { eventIdOf } from '../events/event-id';
import { deleteStream, testStream, writeOutboxRows } from '../events/events-test-kit';
import { pgliteLeaderSessions, postgresLeaderSessions } from '../events/leader-session';
import { createNatsBus } from '../events/nats-bus';
import { type OutboxRelay, startOutboxRelay } from '../events/outbox-relay';
import { claimDueDeliveries } from './webhook-delivery.queries';
import { startWebhookDispatcher } from './webhook-dispatcher';
import { startWebhookFanOut } from './webhook-fanout';
import {
  type ManualClock,
  inStoreOrder,
  integrationActor,
  manualClock,
  startReceiver,
} from './webhooks-test-kit';
import { createSubscription } from './webhooks.service';

/**
 * The kill test of webhooks, end to end: outbox rows → relay → bus (in-process and NATS
 * JetStream) → the webhooks consumer → the dispatcher → a real HTTP receiver. The receiver is down
 * (connection refused) for an hour of simulated time while events keep coming and a dispatcher
 * dies holding a claim; then it comes back. Afterwards it holds, deduping by `webhook-id`, exactly
 * the committed events, each store's in order.
 */

const natsUrl = await testNatsUrl();
const buses = [
  { name: 'embedded', skip: false },
  { name: 'nats', skip: natsUrl === undefined },
] as const;
const HOUR = 3_600_000;

describe.each(testDatabases())('webhooks end to end on $name', (database) => {
  describe.each(buses)('over the $name bus', (busCase) => {
    let db: TestDb;
    let bus: EventBus;
    let relay: OutboxRelay;
    let stream: string | undefined;
    let clock: ManualClock;
    beforeEach(async () => {
      if (busCase.skip) return;
      db = await database.open();
      await insertStores(db, 'r1', ['sa']);
      await insertStores(db, 'r2', ['sb']);
      if (busCase.name === 'nats' && natsUrl) {
        const names = testStream();
        stream = names.stream;
        bus = await createNatsBus({ url: natsUrl, ...names });
      } else {
        bus = createEmbeddedBus();
      }
      const openSession = db.connectionString
        ? postgresLeaderSessions(db.connectionString)
        : pgliteLeaderSessions(db);
      relay = startOutboxRelay({ openSession, bus }, { idleMs: 20, standbyMs: 100 });
      clock = manualClock();
    });
    afterEach(async () => {
      if (busCase.skip) return;
      await relay.stop();
      await bus.close();
      if (stream && natsUrl) await deleteStream(natsUrl, stream);
      await db.close();
    });

    it.skipIf(busCase.skip)(
      'a receiver down for an hour then up holds exactly the committed events, in store order',
      async () => {
        const deps = { db, clock, allowPrivateTargets: true };
        let receiver = await startReceiver();
        const port = receiver.port;
        await createSubscription(deps, integrationActor('erp', ['all']), {
          url: receiver.url,
          eventTypes: ['stock.level_changed'],
        });
        await receiver.close(); // down: connection refused
        const fanOut = await startWebhookFanOut({ db, clock, bus }, () => undefined, {
          name: 'webhooks-test',
        });
        let seed = 42;
        const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
        const dispatcher = startWebhookDispatcher({ db, clock, random }, { loop: false });
        const recorded = async (n: number) => {
          const until = Date.now() + 20_000;
          for (;;) {
            const { rows } = await db.query<{ n: string }>(
              'SELECT count(*)::text AS n FROM webhook_deliveries',
            );
            if (Number(rows[0]?.n) >= n) return;
            if (Date.now() > until) throw new Error(`only ${rows[0]?.n ?? '0'} deliveries`);
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        };
        const keysOf = (prefix: string, n: number) =>
          Array.from({ length: n }, (_, i) => `${prefix}-${String(i)}`);
        const committed = new Set<string>();
        const write = async (storeId: string, keys: string[]) => {
          await writeOutboxRows(db, storeId, keys);
          for (const key of keys) committed.add(eventIdOf(storeId, key));
        };
        try {
          await write('sa', keysOf('a1', 20));
          await write('sb', keysOf('b1', 15));
          await recorded(35);
          const start = clock.now();
          let rounds = 0;
          let failedAttempts = 0;
          for (;;) {
            failedAttempts += await dispatcher.runOnce();
            rounds += 1;
            if (rounds === 5) {
              // More events while the receiver is down, and a dispatcher that dies mid-claim.
              await write('sa', keysOf('a2', 10));
              await write('sb', keysOf('b2', 10));
              await recorded(55);
              await claimDueDeliveries(db, {
                nowIso: new Date(clock.now()).toISOString(),
                subscriptions: 10,
                perSubscription: 4,
                perRun: 20,
                leaseToken: '00000000-0000-4000-8000-000000000001',
                leaseUntilIso: new Date(clock.now() + 40_000).toISOString(),
              });
            }
            const due = await dispatcher.nextDueAt();
            if (due === undefined || due > start + HOUR) break;
            clock.set(Math.max(clock.now(), due));
          }
          // Retries kept coming while it was down, each store's head only: paced, not a flood.
          expect(failedAttempts).toBeGreaterThan(10);
          expect(failedAttempts).toBeLessThan(60);

          clock.set(start + HOUR);
          receiver = await startReceiver(() => ({ status: 200 }), port);
          for (let i = 0; i < 500; i += 1) {
            await dispatcher.runOnce();
            const due = await dispatcher.nextDueAt();
            if (due === undefined) break;
            clock.set(Math.max(clock.now(), due));
          }
          const accepted = receiver.accepted();
          expect(new Set(accepted.map((e) => e.id))).toEqual(committed);
          expect(accepted).toHaveLength(committed.size);
          expect(inStoreOrder(accepted)).toBe(true);
          const { rows } = await db.query<{ status: string; n: string }>(
            'SELECT status, count(*)::text AS n FROM webhook_deliveries GROUP BY status',
          );
          expect(rows).toEqual([{ status: 'delivered', n: '55' }]);
        } finally {
          await fanOut.close();
          await dispatcher.stop();
          await receiver.close();
        }
      },
      60_000,
    );
  });
});
