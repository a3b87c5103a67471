import {
  EMPTY_ID_CHECKSUM,
  idChecksum,
  type PushRow,
  type PushableCollection,
  type ReconcileOutcome,
  type SyncHealth,
} from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import { type ReconcileFact, type ReconcileSource, reconcile } from './reconcile';
import { startReconcileSchedule, watchEpochs } from './reconcile-schedule';
import type { SyncApi } from './sync-api';

/**
 * The comparison and scheduling rules on their own, with a server that holds facts in memory and
 * answers health the way the real one computes it; the real server and terminals are in
 * apps/sync-server/src/features/sync-health/reconcile.test.ts and apps/terminal/test/sync/.
 */

const TERMINAL = 'till-1';
const clock = { now: () => Date.parse('2026-03-15T06:00:00Z') };

type Stored = ReconcileFact & { doc: Record<string, unknown> };

function fact(
  id: string,
  businessDate: string,
  kind: ReconcileFact['kind'],
  totalMinor = 0,
): Stored {
  const collection: PushableCollection = kind === 'movement' ? 'stock-movements' : 'sales';
  return { id, collection, businessDate, kind, totalMinor, doc: { id, kind, businessDate } };
}

/** A server holding facts by id; a push stores what it lacks, quarantines ids in `refuse`. */
function fakeServer(held: Stored[], refuse: ReadonlySet<string> = new Set()) {
  const facts = new Map(held.map((f) => [f.id, f]));
  const pushes: { collection: PushableCollection; ids: string[] }[] = [];
  let all: Stored[] = [];
  const api: Pick<SyncApi, 'health' | 'push'> = {
    async health() {
      const byDay = new Map<string, Stored[]>();
      for (const f of facts.values())
        byDay.set(f.businessDate, [...(byDay.get(f.businessDate) ?? []), f]);
      const days = [];
      for (const [businessDate, list] of [...byDay].sort()) {
        const sales = list.filter((f) => f.kind === 'sale');
        const returns = list.filter((f) => f.kind === 'return');
        const movements = list.filter((f) => f.kind === 'movement');
        days.push({
          businessDate,
          sales: sales.length,
          returns: returns.length,
          salesMinor: sales.reduce((s, f) => s + f.totalMinor, 0),
          returnsMinor: returns.reduce((s, f) => s + f.totalMinor, 0),
          checksum: await idChecksum([...sales, ...returns].map((f) => f.id)),
          movements: movements.length,
          movementsChecksum: await idChecksum(movements.map((f) => f.id)),
        });
      }
      return { terminals: [{ terminalId: TERMINAL, days }] } as unknown as SyncHealth;
    },
    push(collection, rows: readonly PushRow<unknown>[]) {
      const ids = rows.map((row) => (row.newDocumentState as { id: string }).id);
      pushes.push({ collection, ids });
      let quarantined = 0;
      for (const id of ids) {
        if (refuse.has(id)) quarantined += 1;
        else if (!facts.has(id))
          facts.set(
            id,
            all.find((f) => f.id === id)!,
          );
      }
      return Promise.resolve({ conflicts: [], quarantined });
    },
  };
  return { api, pushes, setLocal: (local: Stored[]) => (all = local) };
}

function sourceOf(local: Stored[]): ReconcileSource {
  return {
    confirmedFacts: () => Promise.resolve(local),
    documents: (_collection, ids) =>
      Promise.resolve(local.filter((f) => ids.includes(f.id)).map((f) => f.doc)),
  };
}

const options = {
  terminalId: TERMINAL,
  from: '2026-03-01',
  to: '2026-03-31',
  reason: 'daily' as const,
  clock,
};

describe('reconcile', () => {
  const local = [
    fact('s1', '2026-03-14', 'sale', 500),
    fact('r1', '2026-03-14', 'return', 200),
    fact('s2', '2026-03-14', 'sale', 700),
    fact('m1', '2026-03-14', 'movement'),
    fact('s3', '2026-03-15', 'sale', 100),
  ];

  it('pushes nothing when the server holds what the terminal holds', async () => {
    const server = fakeServer(local);
    server.setLocal(local);
    const outcome = await reconcile({ ...options, api: server.api, source: sourceOf(local) });
    expect(outcome).toMatchObject({ status: 'clean', daysDiffering: 0, repushed: 0 });
    expect(server.pushes).toEqual([]);
  });

  it('re-pushes only the differing part of the differing day, sales before returns, in batches', async () => {
    const server = fakeServer(
      local.filter((f) => f.businessDate !== '2026-03-14' || f.kind === 'movement'),
    );
    server.setLocal(local);
    const outcome = await reconcile({
      ...options,
      api: server.api,
      source: sourceOf(local),
      batchSize: 2,
    });
    expect(outcome).toMatchObject({
      status: 'repaired',
      daysDiffering: 1,
      repushed: 3,
      quarantined: 0,
      stillDiffering: [],
    });
    expect(server.pushes).toEqual([
      { collection: 'sales', ids: ['s1', 's2'] },
      { collection: 'sales', ids: ['r1'] },
    ]);
  });

  it('says which days still differ: a quarantined re-push, or facts only the server has', async () => {
    const server = fakeServer(
      [...local.filter((f) => f.id !== 's3'), fact('x9', '2026-03-02', 'sale', 1)],
      new Set(['s3']),
    );
    server.setLocal(local);
    const outcome: ReconcileOutcome = await reconcile({
      ...options,
      api: server.api,
      source: sourceOf(local),
    });
    expect(outcome).toMatchObject({
      status: 'mismatch',
      daysDiffering: 2,
      repushed: 1,
      quarantined: 1,
      stillDiffering: ['2026-03-02', '2026-03-15'],
    });
  });

  it('turns a failed comparison into a failed outcome', async () => {
    const outcome = await reconcile({
      ...options,
      api: {
        health: () => Promise.reject(new Error('offline')),
        push: () => Promise.reject(new Error('no')),
      },
      source: sourceOf(local),
    });
    expect(outcome).toMatchObject({ status: 'failed', error: 'offline', repushed: 0 });
    expect(EMPTY_ID_CHECKSUM).toBe(await idChecksum([]));
  });
});

describe('watchEpochs', () => {
  it('tells a pull answering another epoch than its checkpoint or the last answer', async () => {
    let epoch = 'e1';
    const changes: string[] = [];
    // Only pull is called through the wrapper.
    const pullOnly: Pick<SyncApi, 'pull'> = {
      pull: () => Promise.resolve({ documents: [], checkpoint: { v: 1, epoch, seq: '0' } }),
    };
    const api = watchEpochs(pullOnly as SyncApi, (collection, next) =>
      changes.push(`${collection}:${next}`),
    );
    await api.pull('sales', null, 10); // the first answer is the baseline
    await api.pull('sales', null, 10);
    epoch = 'e2';
    await api.pull('sales', null, 10); // no stored checkpoint: the last answer counts
    await api.pull('stock-levels', { v: 1, epoch: 'e1', seq: '9' }, 10); // a stale checkpoint
    expect(changes).toEqual(['sales:e2', 'stock-levels:e2']);
  });
});

describe('startReconcileSchedule', () => {
  function schedule(statuses: ReconcileOutcome['status'][], day = { today: '2026-03-15' }) {
    const runs: string[] = [];
    let nowMs = 0;
    const s = startReconcileSchedule({
      run: (reason) => {
        runs.push(reason);
        const status = statuses.shift() ?? 'clean';
        return Promise.resolve({ status, reason } as ReconcileOutcome);
      },
      today: () => day.today,
      clock: { now: () => nowMs },
      retryAfterMs: 1_000,
    });
    return { s, runs, day, advance: (ms: number) => (nowMs += ms) };
  }

  it('runs on the first sync of each business day only', async () => {
    const { s, runs, day } = schedule([]);
    s.synced();
    s.synced();
    await s.idle();
    s.synced();
    await s.idle();
    day.today = '2026-03-16';
    s.synced();
    await s.idle();
    expect(runs).toEqual(['daily', 'daily']);
  });

  it('tries a failed daily run again only after the retry gap', async () => {
    const { s, runs, advance } = schedule(['failed']);
    s.synced();
    await s.idle();
    s.synced();
    await s.idle();
    advance(1_000);
    s.synced();
    await s.idle();
    expect(runs).toEqual(['daily', 'daily']);
  });

  it('runs once per new store epoch, once more after a run under way, never for reference data', async () => {
    const { s, runs } = schedule([]);
    s.synced();
    s.epochChanged('sales', 'e2');
    s.epochChanged('stock-movements', 'e2');
    await s.idle();
    s.epochChanged('products', 'r2');
    s.epochChanged('stock-levels', 'e2');
    s.epochChanged('stock-levels', 'e3');
    await s.idle();
    expect(runs).toEqual(['daily', 'epoch', 'epoch']);
    expect(s.last()?.reason).toBe('epoch');
  });
});
