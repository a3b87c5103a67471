import { describe, expect, it } from 'vitest';
import { syncApi, nextEvent } from '../../testing/sync-api';
import { asPushRows, makeMovement } from '../../testing/sync-fixtures';
import { suiteFixture } from '../../testing/suite-fixture';
import { openSecondProcess, openSyncHarness } from '../../testing/sync-harness';
import { deviceFetcher } from '../../testing/sync-test-app';
import { postgresOnly, testDatabases } from '../../testing/test-databases';

const HEARTBEAT_MS = 100;

describe.each(testDatabases())('event stream on $name', (database) => {
  const h = suiteFixture(() => openSyncHarness(database, { deps: { heartbeatMs: HEARTBEAT_MS } }));

  it('opens with resync and a jittered retry, then pokes on pushes of its own store only', async () => {
    const stream = await h.api(h.devices.a).stream();
    try {
      expect(stream.status).toBe(200);
      const opening = await nextEvent(stream.events, () => true);
      expect(opening).toMatchObject({ event: 'resync', retry: expect.any(Number) as number });
      expect(JSON.parse(opening.data)).toMatchObject({ reason: 'connected' });
      await h
        .api(h.devices.b)
        .push('stock-movements', asPushRows([makeMovement('store-b', 'p001', 1)]));
      await h
        .api(h.devices.a)
        .push('stock-movements', asPushRows([makeMovement('store-a', 'p001', 1)]));
      const poke = await nextEvent(stream.events, (e) => e.event === 'poke');
      // The first poke is store A's: store B's push produced none on this stream.
      expect(JSON.parse(poke.data)).toEqual({
        collection: 'stock-movements',
        seq: expect.any(String) as string,
      });
      const next = await nextEvent(stream.events, (e) => e.event === 'poke');
      expect(JSON.parse(next.data)).toMatchObject({ collection: 'stock-levels' });
    } finally {
      stream.close();
    }
  });

  it('sends heartbeats at the configured interval while nothing else happens', async () => {
    const stream = await h.api(h.devices.c).stream();
    try {
      await nextEvent(stream.events, (e) => e.event === 'resync');
      const started = Date.now();
      const gaps: number[] = [];
      let last = started;
      for (let i = 0; i < 4; i += 1) {
        const beat = await nextEvent(stream.events, (e) => e.event === 'heartbeat');
        expect(JSON.parse(beat.data)).toEqual({ serverTime: expect.any(String) as string });
        gaps.push(Date.now() - last);
        last = Date.now();
      }
      // A proxy idle timeout well above the interval (60 s against 15–25 s in production) never
      // sees the stream silent for longer than one interval plus scheduling slack.
      expect(Math.max(...gaps)).toBeLessThan(HEARTBEAT_MS * 3);
    } finally {
      stream.close();
    }
  });
});

describe.each(postgresOnly())('event stream across two server processes on $name', (database) => {
  const h = suiteFixture(() => openSyncHarness(database, { deps: { heartbeatMs: HEARTBEAT_MS } }), {
    skip: database.skip,
  });
  const other = suiteFixture(() => openSecondProcess(h, { heartbeatMs: HEARTBEAT_MS }), {
    skip: database.skip,
  });

  it.skipIf(database.skip)(
    'pokes a stream on one process for a push through the other',
    async () => {
      const stream = await syncApi(deviceFetcher(other.app, h.devices.a)).stream();
      try {
        await nextEvent(stream.events, (e) => e.event === 'resync');
        await h
          .api(h.devices.a)
          .push('stock-movements', asPushRows([makeMovement('store-a', 'p002', 3)]));
        const poke = await nextEvent(stream.events, (e) => e.event === 'poke');
        expect(JSON.parse(poke.data)).toMatchObject({ collection: 'stock-movements' });
      } finally {
        stream.close();
      }
    },
  );

  it.skipIf(database.skip)(
    'tells open streams to resync when hints may have been lost',
    async () => {
      const stream = await syncApi(deviceFetcher(other.app, h.devices.b)).stream();
      try {
        await nextEvent(stream.events, (e) => e.event === 'resync');
        await h.db.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
        );
        const resync = await nextEvent(stream.events, (e) => e.event === 'resync');
        expect(JSON.parse(resync.data)).toMatchObject({ reason: 'hints-lost' });
      } finally {
        stream.close();
      }
    },
  );
});
