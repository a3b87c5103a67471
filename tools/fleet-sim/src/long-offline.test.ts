import { describe, expect, it } from 'vitest';
import { openRunPostgres } from './database-faults';
import { isClean } from './fleet-checks';
import type { Fleet } from './fleet';
import { runFleet } from './run-fleet';
import { formatSummary } from './summary';
import { report, systemTestDataRoot, systemTestPgUrl } from './system-test-env';

const adminUrl = systemTestPgUrl();
const DAY_MS = 86_400_000;

/**
 * A week without network: one counter bills 3,500 times while its clock runs through seven days
 * (a bill every ~3 minutes of its time), then reconnects. Its peer in the same store keeps billing
 * online meanwhile. Convergence is timed twice: until the returning terminal's outbox is empty
 * (everything pushed) and until its peer holds every sale of the store (everything pulled).
 */
describe.skipIf(!adminUrl)('long offline: a terminal back after 7 simulated days', () => {
  it('converges with nothing lost or doubled, and says how long that took', async () => {
    const postgres = await openRunPostgres(adminUrl, { preferPrivate: false });
    if (!postgres) throw new Error('no Postgres');
    let peerCaughtUpMs = Number.NaN;
    let pushMs = Number.NaN;
    let offlineDays = 0;
    const peerConvergence = async (fleet: Fleet) => {
      const [away, peer] = fleet.terminals;
      if (!away || !peer) throw new Error('two terminals expected');
      const made = (await away.process.report()).made;
      const times = made.map((fact) => fact.businessDate).sort();
      offlineDays = (Date.parse(times.at(-1) ?? '') - Date.parse(times[0] ?? '')) / DAY_MS;
      const started = performance.now();
      const drained = away.process.drain(120_000);
      const storeSales = made.filter((f) => f.collection === 'sales').length + 100;
      while ((await peer.process.localSalesCount()) < storeSales) {
        if (performance.now() - started > 120_000) throw new Error('the peer never caught up');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      peerCaughtUpMs = performance.now() - started;
      pushMs = await drained;
    };
    try {
      const result = await runFleet({
        adminUrl: postgres.adminUrl,
        terminals: 2,
        terminalsPerStore: 2,
        products: 200,
        seed: 7,
        ...(systemTestDataRoot() ? { dataRoot: systemTestDataRoot() } : {}),
        plan: { bills: 100, billsPerSecond: 4, repushEvery: 0, receiptEvery: 0 },
        planOverrides: {
          0: {
            bills: 3_500,
            billsPerSecond: 0,
            billOffline: true,
            simulatedDays: 7,
            receiptEvery: 100,
          },
        },
        afterBilling: peerConvergence,
        maxRunMs: 480_000,
        log: (line) => {
          report(`long offline: ${line}`);
        },
      });
      report(formatSummary(result));
      const away = result.reports[0];
      report(
        `long offline: ${String(away?.made.length)} facts over ${offlineDays.toFixed(1)} business days; ` +
          `billing ${(result.timings.billingMs / 1000).toFixed(1)} s; after reconnecting: outbox empty in ` +
          `${(pushMs / 1000).toFixed(1)} s, peer holds every sale after ${(peerCaughtUpMs / 1000).toFixed(1)} s ` +
          `(${(3_500 / (peerCaughtUpMs / 1000)).toFixed(0)} sales/s end to end)`,
      );
      expect(offlineDays).toBeGreaterThanOrEqual(6);
      expect(result.verdict).toMatchObject({
        madeSales: 3_600,
        serverSales: 3_600,
        missingSales: 0,
        unexpectedSales: 0,
        doubledInvoices: 0,
        unsynced: 0,
        healthFailures: [],
        stockDrift: 0,
      });
      expect(isClean(result.verdict)).toBe(true);
    } finally {
      await postgres.stop();
    }
  }, 540_000);
});
