import { describe, expect, it } from 'vitest';
import {
  type FailoverDrillResult,
  formatFailoverFigures,
  runFailoverDrill,
} from './db-failover-drill';
import { isClean } from './fleet-checks';
import { requirePgAutoctl } from './pg-autoctl';
import { formatSummary } from './summary';
import { report, systemTestDataRoot, systemTestPgUrl } from './system-test-env';

// The drill brings its own Postgres (the formation); TEST_PG_URL only says system tests run here.
const enabled = systemTestPgUrl() !== undefined;

const TERMINALS = 20;
const BILLS = 40;

function drill(replication: 'sync' | 'async', seed: number): Promise<FailoverDrillResult> {
  return runFailoverDrill({
    replication,
    terminals: TERMINALS,
    terminalsPerStore: 2,
    bills: BILLS,
    billsPerSecond: 2,
    servers: 2,
    products: 150,
    seed,
    killAfterMs: 6_000,
    rejoin: true,
    switchBack: replication === 'sync',
    ...(systemTestDataRoot() ? { dataRoot: systemTestDataRoot() } : {}),
    maxRunMs: 330_000,
    log: (line) => {
      report(`db-failover: ${line}`);
    },
  });
}

function expectClean(result: FailoverDrillResult): void {
  const v = result.run.verdict;
  expect(v).toEqual({
    ...v,
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
  expect(v.madeSales).toBe(TERMINALS * BILLS);
  expect(v.serverSales).toBe(TERMINALS * BILLS);
  expect(isClean(v)).toBe(true);
  // The fail-over happened under load: pushes were refused, with 503 (never a 500), and the
  // terminals got through again after the promotion.
  expect(result.refused.attempts).toBeGreaterThan(0);
  expect(Object.keys(result.httpErrors)).toEqual(['503']);
  expect(result.firstAcceptedMs).toBeGreaterThan(result.refused.firstMs);
  expect(result.rejoinMs).toBeDefined();
}

/**
 * Issue 20's "database fail-over under load" drill (db-failover-drill.ts), once with
 * synchronous replication (pg_auto_failover's default with one standby) and once asynchronous.
 * A missing pg_autoctl fails it with the reason, never a skip, wherever system tests run.
 */
describe.skipIf(!enabled)('database fail-over under load (pg_auto_failover)', () => {
  it('kills the primary under 20 billing terminals, synchronous: nothing lost, nothing doubled', async () => {
    requirePgAutoctl();
    const result = await drill('sync', 20);
    report(formatSummary(result.run));
    report(formatFailoverFigures(result, 'sync'));
    expectClean(result);
    // Every acknowledged sale was on the standby: no epoch reset, nothing to re-push.
    expect(result.epochsReset).toBeUndefined();
    expect(result.switchBackMs).toBeDefined();
  }, 420_000);

  it('kills the primary under 20 billing terminals, asynchronous: reconciliation re-pushes what the standby lacked', async () => {
    requirePgAutoctl();
    const result = await drill('async', 21);
    report(formatSummary(result.run));
    report(formatFailoverFigures(result, 'async'));
    expectClean(result);
    expect(result.epochsReset).toBeGreaterThan(0);
    // Every terminal compared with the server after the new epoch (none failed). One that still
    // saw a day differ had bills confirmed while it compared (billing goes on); the verdict above
    // is what says nothing is missing.
    expect(result.reconciliations).toHaveLength(TERMINALS);
  }, 420_000);
});
