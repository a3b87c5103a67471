import { describe, expect, it } from 'vitest';
import { openRunPostgres } from './database-faults';
import { isClean } from './fleet-checks';
import type { Fleet } from './fleet';
import { runFleet } from './run-fleet';
import { type ServerFigures, readServerFigures } from './server-metrics';
import { formatSummary } from './summary';
import { report, systemTestDataRoot, systemTestPgUrl } from './system-test-env';

const adminUrl = systemTestPgUrl();

/**
 * Two sync-server processes on one database behind the proxy, which spreads connections over both
 * like a load balancer. Under load one is killed for good: terminals carry on through the other,
 * hints of pushes keep arriving (fan-out is LISTEN/NOTIFY, so no process holds state another
 * needs), and nothing is lost.
 */
describe.skipIf(!adminUrl)('scale-out: two servers, one killed under load', () => {
  it('keeps syncing through the survivor with live hints and nothing lost', async () => {
    const postgres = await openRunPostgres(adminUrl, { preferPrivate: false });
    if (!postgres) throw new Error('no Postgres');
    let atKill: { pokes: number[]; connections: number[] } | undefined;
    let afterBilling: { pokes: number[]; survivor: ServerFigures } | undefined;
    const pokesOf = async (fleet: Fleet) =>
      (await Promise.all(fleet.terminals.map((t) => t.process.report()))).map((r) => r.wire.pokes);
    try {
      const result = await runFleet({
        adminUrl: postgres.adminUrl,
        terminals: 8,
        terminalsPerStore: 2,
        products: 200,
        seed: 5,
        servers: 2,
        ...(systemTestDataRoot() ? { dataRoot: systemTestDataRoot() } : {}),
        plan: { bills: 150, billsPerSecond: 5, repushEvery: 30, receiptEvery: 50 },
        chaos: [{ atMs: 10_000, kind: 'kill-server', server: 1, downMs: 0 }],
        restartKilled: false,
        async onFault(_record, fleet) {
          atKill = { pokes: await pokesOf(fleet), connections: fleet.proxy.stats().perUpstream };
        },
        async afterBilling(fleet) {
          const survivor = fleet.servers[0];
          if (!survivor) throw new Error('no survivor');
          // Streams of the killed process reconnect with jittered backoff; give them time.
          const deadline = Date.now() + 40_000;
          let figures = await readServerFigures(survivor.url());
          while (figures.streamsOpen < fleet.terminals.length && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 250));
            figures = await readServerFigures(survivor.url());
          }
          afterBilling = { pokes: await pokesOf(fleet), survivor: figures };
        },
        maxRunMs: 300_000,
        log: (line) => {
          report(`scale-out: ${line}`);
        },
      });
      report(formatSummary(result));
      report(
        `scale-out: connections per server at the kill ${JSON.stringify(atKill?.connections)}, at the end ${JSON.stringify(result.proxy.perUpstream)}; ` +
          `the survivor answered ${String(afterBilling?.survivor.pushesAnswered)} pushes in all; ` +
          `${String(afterBilling?.survivor.streamsOpen)} streams open on it after billing; ` +
          `hints per terminal after the kill: ${JSON.stringify(afterBilling?.pokes.map((n, i) => n - (atKill?.pokes[i] ?? 0)))}`,
      );
      expect(result.faults).toHaveLength(1);
      expect(result.faults[0]?.inFlight).toBeGreaterThan(0);
      // Both servers carried connections before the kill; only the survivor took new ones after.
      expect(atKill?.connections.every((n) => n > 0)).toBe(true);
      expect(result.proxy.perUpstream[1]).toBe(atKill?.connections[1]);
      // Every terminal's stream ended up on the survivor and kept hearing hints.
      expect(afterBilling?.survivor.streamsOpen).toBe(8);
      for (const [i, pokes] of (afterBilling?.pokes ?? []).entries()) {
        expect(pokes, `terminal ${String(i)} heard no hint after the kill`).toBeGreaterThan(
          atKill?.pokes[i] ?? Number.POSITIVE_INFINITY,
        );
      }
      expect(result.verdict).toMatchObject({
        madeSales: 1_200,
        serverSales: 1_200,
        missingSales: 0,
        unexpectedSales: 0,
        doubledInvoices: 0,
        unsynced: 0,
        healthFailures: [],
        stockDrift: 0,
        terminalSalesMismatches: [],
      });
      expect(isClean(result.verdict)).toBe(true);
    } finally {
      await postgres.stop();
    }
  }, 360_000);
});
