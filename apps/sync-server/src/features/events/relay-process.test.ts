import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertStores } from '../../testing/sync-fixtures';
import { type TestDb, postgresOnly } from '../../testing/test-databases';
import { testNatsUrl } from '../../testing/test-nats-env';
import { eventIdOf } from './event-id';
import {
  type Collected,
  collect,
  deleteStream,
  isIncreasing,
  testStream,
  writeOutboxRows,
} from './events-test-kit';
import { createNatsBus } from './nats-bus';
import type { EventBus } from './event-bus';

/**
 * The relay in real processes on a real Postgres and NATS JetStream: SIGKILLed mid-batch and
 * restarted, and two relays where the leader is killed and the other takes over. The consumer
 * dedupes by id, as every consumer must; the stream's duplicate window is kept short so repeats
 * after a restart reach it rather than being hidden by JetStream.
 */

const natsUrl = await testNatsUrl();
const NATS_URL = natsUrl ?? '';
const APP_DIR = fileURLToPath(new URL('../../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./relay-child.ts', import.meta.url));
const DUPLICATE_WINDOW_MS = 200;

type Child = { process: ChildProcess; lines: string[]; exited: Promise<unknown> };

describe.each(postgresOnly())('relay processes on $name with NATS', (database) => {
  const skip = database.skip || !natsUrl;
  let db: TestDb;
  let bus: EventBus;
  let stream: { stream: string; subjectRoot: string };
  const children: Child[] = [];

  beforeEach(async () => {
    if (skip) return;
    db = await database.open();
    await insertStores(db, 'r1', ['store-k', 'store-l', 'store-m']);
    stream = testStream();
    bus = await createNatsBus({
      url: NATS_URL,
      ...stream,
      duplicateWindowMs: DUPLICATE_WINDOW_MS,
    });
  });
  afterEach(async () => {
    if (skip) return;
    for (const child of children.splice(0)) {
      child.process.kill('SIGKILL');
      await child.exited;
    }
    await bus.close();
    await deleteStream(NATS_URL, stream.stream);
    await db.close();
  });

  function startChild(options: { perStore: number; standbyMs: number }): Child {
    const config = {
      databaseUrl: db.connectionString,
      natsUrl,
      ...stream,
      duplicateWindowMs: DUPLICATE_WINDOW_MS,
      ...options,
    };
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(config)], {
      cwd: APP_DIR,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
    const started: Child = {
      process: child,
      lines,
      exited: new Promise((r) => child.once('exit', r)),
    };
    children.push(started);
    return started;
  }

  async function kill(child: Child): Promise<void> {
    child.process.kill('SIGKILL');
    await child.exited;
    children.splice(children.indexOf(child), 1);
  }

  async function until(check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  function expectExactly(consumer: Collected, committed: Set<string>): void {
    expect(new Set(consumer.events.map((e) => e.id))).toEqual(committed);
    expect(consumer.events).toHaveLength(committed.size);
    for (const seqs of consumer.byStore().values()) expect(isIncreasing(seqs)).toBe(true);
  }

  it.skipIf(skip)(
    'SIGKILLed mid-batch and restarted, the relay leaves a deduping consumer exactly the committed events in store order',
    async () => {
      const consumer = await collect(bus, 'kill-test');
      const committed = new Set<string>();
      const write = async (store: string, keys: string[]) => {
        await writeOutboxRows(db, store, keys);
        for (const key of keys) committed.add(eventIdOf(store, key));
      };
      for (let batch = 0; batch < 6; batch += 1) {
        for (const store of ['store-k', 'store-l', 'store-m']) {
          await write(
            store,
            Array.from({ length: 50 }, (_, i) => `b${String(batch)}-${String(i)}`),
          );
        }
      }
      let kills = 0;
      for (let round = 0; round < 4; round += 1) {
        const child = startChild({ perStore: 10, standbyMs: 200 });
        await until(() => child.lines.includes('leading'));
        // Let it publish part of the backlog, then kill it wherever it is.
        const target = consumer.events.length + 60;
        await until(() => consumer.events.length >= Math.min(target, committed.size), 60_000);
        await write('store-k', [`during-${String(round)}`]);
        await kill(child);
        kills += 1;
      }
      expect(consumer.events.length).toBeLessThan(committed.size);
      startChild({ perStore: 10, standbyMs: 200 });
      await consumer.waitFor(committed.size, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(kills).toBe(4);
      expectExactly(consumer, committed);
      await consumer.close();
    },
    180_000,
  );

  it.skipIf(skip)(
    'two relays: one leads; SIGKILL it and the other takes over within 10 s with no gap',
    async () => {
      const consumer = await collect(bus, 'handover-test');
      const first = startChild({ perStore: 100, standbyMs: 500 });
      const second = startChild({ perStore: 100, standbyMs: 500 });
      await until(() => first.lines.includes('leading') || second.lines.includes('leading'));
      await new Promise((resolve) => setTimeout(resolve, 700));
      const leaders = [first, second].filter((c) => c.lines.includes('leading'));
      expect(leaders).toHaveLength(1);
      const leader = leaders[0]!;
      const standby = leader === first ? second : first;

      const committed = new Set<string>();
      let writing = true;
      const isWriting = () => writing;
      let n = 0;
      const writer = (async () => {
        while (isWriting()) {
          n += 1;
          const key = `h-${String(n)}`;
          await writeOutboxRows(db, 'store-l', [key]);
          committed.add(eventIdOf('store-l', key));
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      })();
      await until(() => consumer.events.length >= 10);
      const killedAt = Date.now();
      await kill(leader);
      await until(() => standby.lines.includes('leading'), 15_000);
      const handOverMs = Date.now() - killedAt;
      await new Promise((resolve) => setTimeout(resolve, 500));
      writing = false;
      await writer;
      await consumer.waitFor(committed.size, 30_000);
      process.stdout.write(`relay hand-over after SIGKILL: ${String(handOverMs)} ms\n`);
      expect(handOverMs).toBeLessThan(10_000);
      expectExactly(consumer, committed);
      await consumer.close();
    },
    120_000,
  );
});
