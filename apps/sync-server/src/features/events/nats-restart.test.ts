import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertStores } from '../../testing/sync-fixtures';
import { type TestDb, testDatabases } from '../../testing/test-databases';
import { testNatsUrl } from '../../testing/test-nats-env';
import { eventIdOf } from './event-id';
import type { EventBus } from './event-bus';
import { collect, isIncreasing, writeOutboxRows } from './events-test-kit';
import { pgliteLeaderSessions, postgresLeaderSessions } from './leader-session';
import { createNatsBus } from './nats-bus';
import { startOutboxRelay } from './outbox-relay';

/**
 * NATS restarted under a working relay: a nats-server of the test's own (JetStream, its own port
 * and store folder; the machine's server is never touched) is killed while events are being
 * written and published, then started again on the same folder. Afterwards a deduping consumer
 * holds exactly the committed events, each store's in order.
 */

// Only where a NATS suite runs at all (the machine's server answers): then nats-server is installed.
const natsAvailable = (await testNatsUrl()) !== undefined;
const [database] = testDatabases();

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

describe.skipIf(!natsAvailable || !database)('relay across a NATS restart', () => {
  let db: TestDb;
  let dir: string;
  let port: number;
  let nats: ChildProcess | undefined;

  async function startNats(): Promise<void> {
    const child = spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir], {
      stdio: 'ignore',
    });
    nats = child;
    const until = Date.now() + 10_000;
    for (;;) {
      const up = await new Promise<boolean>((resolve) => {
        const probe = createServer();
        probe.once('error', () => {
          resolve(true);
        });
        probe.listen(port, '127.0.0.1', () => {
          probe.close(() => {
            resolve(false);
          });
        });
      });
      if (up) return;
      if (Date.now() > until) throw new Error('nats-server did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function killNats(): Promise<void> {
    const child = nats;
    if (!child) return;
    nats = undefined;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  beforeEach(async () => {
    db = await database!.open();
    await insertStores(db, 'r1', ['store-n', 'store-o']);
    dir = await mkdtemp(join(tmpdir(), 'kiryana-nats-'));
    port = await freePort();
    await startNats();
  });
  afterEach(async () => {
    await killNats();
    await rm(dir, { recursive: true, force: true });
    await db.close();
  });

  it('loses and reorders nothing when NATS is killed and restarted mid-stream', async () => {
    const url = `nats://127.0.0.1:${String(port)}`;
    const consumerBus: EventBus = await createNatsBus({ url });
    const relayBus: EventBus = await createNatsBus({ url, publishTimeoutMs: 1_000 });
    const consumer = await collect(consumerBus, 'restart-test');
    const openSession =
      db.kind === 'postgres' && db.connectionString
        ? postgresLeaderSessions(db.connectionString)
        : pgliteLeaderSessions(db);
    const relay = startOutboxRelay(
      { openSession, bus: relayBus },
      { idleMs: 10, retryMs: 200, perStore: 25 },
    );
    const committed = new Set<string>();
    const write = async (round: number) => {
      for (const store of ['store-n', 'store-o']) {
        const keys = Array.from({ length: 10 }, (_, i) => `r${String(round)}-${String(i)}`);
        await writeOutboxRows(db, store, keys);
        for (const key of keys) committed.add(eventIdOf(store, key));
      }
    };
    try {
      for (let round = 0; round < 10; round += 1) await write(round);
      await consumer.waitFor(40, 30_000);
      await killNats();
      for (let round = 10; round < 20; round += 1) await write(round);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await startNats();
      for (let round = 20; round < 30; round += 1) await write(round);
      await consumer.waitFor(committed.size, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(new Set(consumer.events.map((e) => e.id))).toEqual(committed);
      expect(consumer.events).toHaveLength(committed.size);
      for (const seqs of consumer.byStore().values()) expect(isIncreasing(seqs)).toBe(true);
    } finally {
      await relay.stop();
      await consumer.close();
      await relayBus.close().catch(() => undefined);
      await consumerBus.close().catch(() => undefined);
    }
  }, 120_000);
});
