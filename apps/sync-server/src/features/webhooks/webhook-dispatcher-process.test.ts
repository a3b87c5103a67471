import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertStores } from '../../testing/sync-fixtures';
import { type TestDb, postgresOnly } from '../../testing/test-databases';
import { writeOutboxRows } from '../events/events-test-kit';
import { type Events, startEvents } from '../events/start-events';
import { startWebhooks } from './start-webhooks';
import { startDispatcherProcess } from './webhook-dispatcher-process';
import { type Receiver, inStoreOrder, integrationActor, startReceiver } from './webhooks-test-kit';
import { createSubscription } from './webhooks.service';

const logger = pino({ level: 'silent' });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(what: string, done: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * WEBHOOK_DISPATCHER=process (docs/webhooks.md): the dispatcher in a child process of its own on
 * Postgres, woken by the fan-out of the server process; what it sends is what the inline one
 * sends (signed, each store in order), and stopping the webhooks ends the child.
 */
describe.each(postgresOnly())('the dispatcher in its own process on $name', (database) => {
  let db: TestDb;
  let events: Events;
  let receiver: Receiver;
  beforeEach(async () => {
    if (database.skip) return;
    db = await database.open();
    await insertStores(db, 'r1', ['s1', 's2']);
    events = await startEvents(
      { db, logger },
      { databaseUrl: db.connectionString },
      { idleMs: 20 },
    );
    receiver = await startReceiver();
  });
  afterEach(async () => {
    if (database.skip) return;
    await events.stop();
    await receiver.close();
    await db.close();
  });

  it.skipIf(database.skip)(
    'delivers every committed event, signed, each store in order',
    async () => {
      const clock = { now: () => Date.now() };
      const subscription = await createSubscription(
        { db, clock, allowPrivateTargets: true },
        integrationActor('erp', ['all']),
        { url: receiver.url, eventTypes: ['stock.level_changed'] },
      );
      const webhooks = await startWebhooks(
        { db, clock, logger, bus: events.bus },
        { processOn: db.connectionString, pollMs: 50 },
      );
      try {
        const keys = (store: string) =>
          Array.from({ length: 30 }, (_, i) => `${store}-${String(i)}`);
        await writeOutboxRows(db, 's1', keys('s1'));
        await writeOutboxRows(db, 's2', keys('s2'));
        await until('60 deliveries', () => receiver.accepted().length >= 60);
        const accepted = receiver.accepted();
        expect(accepted).toHaveLength(60);
        expect(inStoreOrder(accepted)).toBe(true);
        const first = receiver.received[0];
        if (!first) throw new Error('nothing received');
        expect(
          new Webhook(subscription.secret).verify(
            first.body,
            first.headers as Record<string, string>,
          ),
        ).toBeTruthy();
        // A run's outcomes are recorded at its end, after the receiver answered.
        await until('60 recorded as delivered', async () => {
          const { rows } = await db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'delivered'`,
          );
          return rows[0]?.n === 60;
        });
      } finally {
        await webhooks.stop();
      }
    },
  );

  it.skipIf(database.skip)(
    'runs in another process, started again when it dies, ended when stopped',
    async () => {
      const child = await startDispatcherProcess(
        db.connectionString ?? '',
        logger,
        { pollMs: 50 },
        50,
      );
      const pid = child.pid ?? 0;
      expect(pid).toBeGreaterThan(0);
      expect(pid).not.toBe(process.pid);
      expect(alive(pid)).toBe(true);
      process.kill(pid, 'SIGKILL');
      await until('another child', () => child.pid !== pid && alive(child.pid ?? 0));
      const next = child.pid ?? 0;
      await child.stop();
      expect(alive(pid)).toBe(false);
      expect(alive(next)).toBe(false);
    },
  );
});
