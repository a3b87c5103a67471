import type { HealthReport } from '@kiryana/shared';
import { createManualNetworkStatus } from '@kiryana/sync-client';
import { Subject } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHealthReports, type HealthReports } from './health-reports';

const GAP_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const until = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 10 });

describe('startHealthReports', () => {
  let reporter: HealthReports | undefined;
  afterEach(() => {
    reporter?.stop();
  });

  function start(options: { fail?: boolean; online?: boolean } = {}) {
    const sent: HealthReport[] = [];
    const cycles$ = new Subject<number>();
    const network = createManualNetworkStatus(options.online ?? true);
    let unsynced = 7;
    reporter = startHealthReports({
      send: async (report) => {
        sent.push(report);
        await sleep(5);
        if (options.fail === true) throw new TypeError('fetch failed');
      },
      countUnsynced: () => Promise.resolve(unsynced),
      cycles$,
      network,
      clock: { now: () => Date.now() },
      appVersion: '1.2.3',
      minGapMs: GAP_MS,
    });
    return {
      sent,
      cycles$,
      network,
      setUnsynced: (n: number) => (unsynced = n),
    };
  }

  it('sends one report for a burst of cycles, then one more with the state at the end of the gap', async () => {
    const { sent, cycles$, setUnsynced } = start();
    for (let i = 0; i < 50; i++) cycles$.next(i);
    await until(() => {
      expect(sent).toEqual([
        { clientTime: expect.any(String) as string, unsyncedDocuments: 7, appVersion: '1.2.3' },
      ]);
    });
    setUnsynced(0);
    for (let i = 0; i < 50; i++) cycles$.next(i);
    await until(() => {
      expect(sent.map((report) => report.unsyncedDocuments)).toEqual([7, 0]);
    });
    await sleep(2 * GAP_MS);
    expect(sent).toHaveLength(2);
  });

  it('sends nothing without a cycle, and nothing while offline', async () => {
    const { sent, cycles$, network } = start({ online: false });
    await sleep(GAP_MS);
    cycles$.next(1);
    await sleep(GAP_MS);
    expect(sent).toEqual([]);
    network.setOnline(true);
    cycles$.next(2);
    await until(() => {
      expect(sent).toHaveLength(1);
    });
  });

  it('drops a failed report and reports again with a later cycle', async () => {
    const { sent, cycles$ } = start({ fail: true });
    cycles$.next(1);
    await until(() => {
      expect(sent).toHaveLength(1);
    });
    await sleep(GAP_MS);
    cycles$.next(2);
    await until(() => {
      expect(sent).toHaveLength(2);
    });
  });
});

describe('startHealthReports with details', () => {
  it('adds the oldest unsynced fact, the last error and the last reconciliation as read when sent', async () => {
    const sent: HealthReport[] = [];
    const cycles$ = new Subject<number>();
    const lastError = { code: 'NETWORK', message: 'fetch failed', at: '2026-03-14T03:59:00.000Z' };
    const reporter = startHealthReports({
      send: (report) => {
        sent.push(report);
        return Promise.resolve();
      },
      countUnsynced: () => Promise.resolve(2),
      details: () =>
        Promise.resolve({
          oldestUnsyncedAt: '2026-03-14T03:00:00.000Z',
          lastError,
          lastReconciliation: null,
        }),
      cycles$,
      network: createManualNetworkStatus(true),
      clock: { now: () => Date.now() },
      appVersion: '1.2.3',
      minGapMs: GAP_MS,
    });
    cycles$.next(1);
    await until(() => {
      expect(sent).toEqual([
        {
          clientTime: expect.any(String) as string,
          unsyncedDocuments: 2,
          appVersion: '1.2.3',
          oldestUnsyncedAt: '2026-03-14T03:00:00.000Z',
          lastError,
          lastReconciliation: null,
        },
      ]);
    });
    reporter.stop();
  });
});
