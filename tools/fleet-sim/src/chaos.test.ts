import { describe, expect, it } from 'vitest';
import { type Fault, spreadFaults } from './chaos-monkey';
import { openRunPostgres } from './database-faults';
import { isClean } from './fleet-checks';
import { runFleet } from './run-fleet';
import { formatSummary } from './summary';
import { report, systemTestDataRoot, systemTestPgUrl } from './system-test-env';

const adminUrl = systemTestPgUrl();

/**
 * The chaos run of issue 8: 20 terminals (two per store) × 500 bills each, through a proxy that
 * drops connections and cuts responses after the server committed, with offline spells, same-document
 * retries, two network outages, three SIGKILLs of the server while requests are in flight and one
 * database restart. Afterwards the server must hold exactly the 10,000 sales made, the stock
 * projection must equal the sum of movements, and every terminal must have nothing unsynced and
 * confirm its own record through the sync health endpoint.
 */
describe.skipIf(!adminUrl)('chaos: 20 terminals × 500 bills through faults', () => {
  it('holds exactly the sales the terminals made, none lost and none doubled', async () => {
    const postgres = await openRunPostgres(adminUrl, { preferPrivate: true });
    if (!postgres) throw new Error('no Postgres');
    report(`chaos: database restarts by ${postgres.kind} (${postgres.note})`);
    // Faults fall in the first minute of billing, well before the slowest terminal is done.
    const chaos: Fault[] = [
      ...spreadFaults({ expectedBillingMs: 60_000, kills: 3, dbRestarts: 1, servers: 1 }),
      { atMs: 15_000, kind: 'outage', downMs: 2_000 },
      { atMs: 42_000, kind: 'outage', downMs: 2_000 },
    ];
    try {
      const result = await runFleet({
        adminUrl: postgres.adminUrl,
        terminals: 20,
        terminalsPerStore: 2,
        products: 200,
        seed: 8,
        ...(systemTestDataRoot() ? { dataRoot: systemTestDataRoot() } : {}),
        plan: {
          bills: 500,
          billsPerSecond: 8,
          offlineChance: 0.01,
          offlineMs: [500, 3_000],
          repushEvery: 50,
          receiptEvery: 50,
        },
        proxyFaults: { dropRate: 0.02, cutResponseRate: 0.02 },
        chaos,
        restartDatabase: (name) => postgres.restart(name),
        maxRunMs: 540_000,
        log: (line) => {
          report(`chaos: ${line}`);
        },
      });
      report(formatSummary(result));
      const kills = result.faults.filter((f) => f.kind === 'kill-server');
      expect(kills.length).toBeGreaterThanOrEqual(3);
      expect(kills.some((k) => k.inFlight > 0)).toBe(true);
      expect(result.faults.filter((f) => f.kind === 'restart-database')).toHaveLength(1);
      expect(result.proxy.cutResponses).toBeGreaterThan(0);
      expect(result.reports.reduce((n, r) => n + r.repush.rows, 0)).toBeGreaterThan(0);
      expect(result.reports.reduce((n, r) => n + r.repush.conflicts, 0)).toBe(0);
      expect(result.verdict).toEqual({
        ...result.verdict,
        madeSales: 10_000,
        serverSales: 10_000,
        missingSales: 0,
        unexpectedSales: 0,
        doubledInvoices: 0,
        missingMovements: 0,
        quarantined: 0,
        unsynced: 0,
        healthFailures: [],
        stockDrift: 0,
        terminalStockMismatches: [],
        terminalSalesMismatches: [],
      });
      expect(isClean(result.verdict)).toBe(true);
    } finally {
      await postgres.stop();
    }
  }, 600_000);
});
