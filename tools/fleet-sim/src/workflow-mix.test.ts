import { describe, expect, it } from 'vitest';
import { openRunPostgres } from './database-faults';
import { isClean } from './fleet-checks';
import { runFleet } from './run-fleet';
import { formatSummary } from './summary';
import { report, systemTestDataRoot, systemTestPgUrl } from './system-test-env';

const adminUrl = systemTestPgUrl();

/**
 * Transfers and purchase orders in the fleet's mix (issue 15), kept small for CI: two stores with
 * two counters each bill through a proxy that drops connections and cuts responses after the
 * server committed, with a server kill, a database restart and a network outage, while four
 * transfers move stock between the stores (requested, approved, dispatched in one or two parts,
 * counted in with shortages and damage, resolved; one left on the road) and three purchase orders
 * are received in one or two deliveries, some steps taken offline, synced steps pushed again. The verdict must still say nothing lost or doubled, stock = Σ
 * movements, and every document the fold of its steps with its movements held exactly once.
 */
describe.skipIf(!adminUrl)('workflows: transfers and PO receipts beside the billing', () => {
  it('applies every step once and keeps stock, transit and receipts in balance', async () => {
    // A private cluster, so the database can really be restarted under the steps.
    const postgres = await openRunPostgres(adminUrl, { preferPrivate: true });
    if (!postgres) throw new Error('no Postgres');
    report(`workflows: database restarts by ${postgres.kind} (${postgres.note})`);
    try {
      const result = await runFleet({
        adminUrl: postgres.adminUrl,
        terminals: 4,
        terminalsPerStore: 2,
        products: 200,
        seed: 15,
        ...(systemTestDataRoot() ? { dataRoot: systemTestDataRoot() } : {}),
        plan: {
          bills: 60,
          billsPerSecond: 4,
          offlineChance: 0.02,
          offlineMs: [500, 2_000],
          repushEvery: 10,
          receiptEvery: 20,
        },
        proxyFaults: { dropRate: 0.02, cutResponseRate: 0.05 },
        // While steps are on the wire: the server killed mid-request, the database restarted
        // (the manager's steps too are retried), then the network gone.
        chaos: [
          { atMs: 5_000, kind: 'kill-server', server: 0, downMs: 1_000 },
          { atMs: 9_000, kind: 'restart-database' },
          { atMs: 13_000, kind: 'outage', downMs: 1_500 },
        ],
        restartDatabase: (name) => postgres.restart(name),
        workflows: {
          transfers: 4,
          purchaseOrders: 3,
          offlineChance: 0.4,
          offlineMs: [500, 2_000],
          shortChance: 0.5,
          spreadMs: 8_000,
          seed: 15,
        },
        maxRunMs: 300_000,
        log: (line) => {
          report(`workflows: ${line}`);
        },
      });
      report(formatSummary(result));
      expect(result.faults.map((f) => f.kind)).toEqual([
        'kill-server',
        'restart-database',
        'outage',
      ]);
      const w = result.verdict.workflows;
      expect(result.workflows?.failures).toEqual([]);
      expect(result.workflows?.leftInTransit).toHaveLength(1);
      expect(w).toEqual({
        ...w,
        transfers: 4,
        closedTransfers: 3,
        purchaseOrders: 3,
        missingSteps: 0,
        doubledSteps: 0,
        unexpectedSteps: 0,
        documentMismatches: [],
        movementMismatches: [],
        transferImbalances: [],
        poReceiptMismatches: [],
        terminalDocumentMismatches: [],
        unfinished: [],
      });
      // Terminal steps: a request, 1–2 dispatches per transfer, 3 receipts, 3–6 PO receipts.
      const terminalSteps = result.reports.flatMap((r) => r.steps);
      expect(terminalSteps.length).toBeGreaterThanOrEqual(4 + 4 + 3 + 3);
      expect(w.madeSteps).toBe(terminalSteps.length + (result.workflows?.managerSteps.length ?? 0));
      // The seed gives shortages to write off; replays of synced steps were sent and refused nothing.
      expect(w.writtenOffQtyBase).toBeGreaterThan(0);
      expect(result.reports.reduce((n, r) => n + r.repush.conflicts, 0)).toBe(0);
      expect(result.verdict).toMatchObject({
        missingSales: 0,
        unexpectedSales: 0,
        missingMovements: 0,
        quarantined: 0,
        unsynced: 0,
        healthFailures: [],
        stockDrift: 0,
        terminalStockMismatches: [],
      });
      expect(isClean(result.verdict)).toBe(true);
    } finally {
      await postgres.stop();
    }
  }, 360_000);
});
