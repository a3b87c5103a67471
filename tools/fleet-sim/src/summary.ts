import { isClean } from './fleet-checks';
import type { RunResult } from './run-fleet';

/** Percentile of a list of numbers (nearest rank). */
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The summary `pnpm sim` prints: load, faults, and the verdict. */
export function formatSummary(result: RunResult): string {
  const { verdict: v, reports, timings: t, faults, proxy } = result;
  const sum = (pick: (r: (typeof reports)[number]) => number) =>
    reports.reduce((total, r) => total + pick(r), 0);
  const httpErrors = new Map<string, number>();
  for (const r of reports) {
    for (const [status, n] of Object.entries(r.wire.httpErrors)) {
      httpErrors.set(status, (httpErrors.get(status) ?? 0) + n);
    }
  }
  const lines = [
    '',
    `Fleet: ${String(reports.length)} terminals, ${String(v.madeSales)} sales and ${String(v.madeMovements)} stock movements made`,
    `  timings      setup ${seconds(t.setupMs)} · catalogue sync ${seconds(t.readyMs)} · billing ${seconds(t.billingMs)} · drain ${seconds(t.drainMs)} (p50 ${seconds(percentile(t.drainByTerminalMs, 50))}, max ${seconds(percentile(t.drainByTerminalMs, 100))}) · checks ${seconds(t.judgeMs)} · total ${seconds(t.totalMs)}`,
    `  throughput   ${(v.madeSales / (t.billingMs / 1000)).toFixed(1)} bills/s across the fleet`,
    `  traffic      ${String(sum((r) => r.wire.pushes))} pushes (${String(sum((r) => r.wire.pushedRows))} rows incl. resends), ${String(sum((r) => r.wire.pulls))} pulls, ${String(sum((r) => r.wire.pokes))} hints, ${String(sum((r) => r.wire.streamsOpened))} streams opened`,
    `  pushes       ${String(sum((r) => r.wire.pushTimings.length))} attempts, ${String(sum((r) => r.wire.pushFailures))} without a 2xx answer (each sent again by the terminal later), slowest ${seconds(Math.max(0, ...reports.flatMap((r) => r.wire.pushTimings.map((p) => p.ms))))}, largest ${(Math.max(0, ...reports.map((r) => r.wire.largestPushBytes)) / 1024).toFixed(1)} KiB, ${String(
      Math.round(
        sum((r) => r.wire.pushedBytes) /
          Math.max(
            1,
            sum((r) => r.wire.pushedRows),
          ),
      ),
    )} bytes per document`,
    ...(result.gateway
      ? [
          `  gateway      HAProxy: ${String(result.gateway.retries)} requests retried, ${String(result.gateway.redispatches)} redispatched to another server, ${String(result.gateway.backend5xx)} 5xx from servers, ${String(result.gateway.frontend4xx)} 4xx of its own (rate limits), ${String(result.gateway.streams)} event streams, requests per server ${JSON.stringify(result.gateway.perServer)}`,
        ]
      : []),
    `  retries      ${String(sum((r) => r.repush.rows))} synced sales pushed again in ${String(sum((r) => r.repush.batches))} batches → ${String(sum((r) => r.repush.conflicts))} conflicts, ${String(sum((r) => r.repush.failures))} failed${reports.find((r) => r.repush.lastFailure)?.repush.lastFailure ? ` (last: ${String(reports.find((r) => r.repush.lastFailure)?.repush.lastFailure)})` : ''}`,
    `  offline      ${String(sum((r) => r.offlineSpells))} offline spells`,
    `  network      ${String(proxy.connections)} connections: ${String(proxy.dropped)} dropped, ${String(proxy.cutResponses)} responses cut, ${String(proxy.refused)} refused; terminals saw ${String(sum((r) => r.wire.networkErrors))} network errors, HTTP errors ${JSON.stringify(Object.fromEntries(httpErrors))}`,
    `  faults       ${faults.length === 0 ? 'none' : faults.map((f) => `${f.kind}@${seconds(f.atMs)} (${String(f.inFlight)} in flight)`).join(', ')}`,
    `  server       ${String(v.serverSales)} sales held · missing ${String(v.missingSales)} · unexpected ${String(v.unexpectedSales)} · doubled bills ${String(v.doubledInvoices)} · missing movements ${String(v.missingMovements)} · quarantined ${String(v.quarantined)}`,
    `  stock        ${String(v.stockDrift)} levels off the sum of movements · terminals with other levels: ${v.terminalStockMismatches.join(', ') || 'none'}`,
    `  workflows    ${String(v.workflows.transfers)} transfers (${String(v.workflows.closedTransfers)} closed), ${String(v.workflows.purchaseOrders)} purchase orders, ${String(v.workflows.madeSteps)} steps made · missing ${String(v.workflows.missingSteps)} · doubled ${String(v.workflows.doubledSteps)} · unexpected ${String(v.workflows.unexpectedSteps)} · documents off their steps ${String(v.workflows.documentMismatches.length)} · movements off ${String(v.workflows.movementMismatches.length)} · transfer lines out of balance ${String(v.workflows.transferImbalances.length)} · PO lines off their receipts ${String(v.workflows.poReceiptMismatches.length)} · terminals with other documents: ${v.workflows.terminalDocumentMismatches.join(', ') || 'none'} · unfinished ${String(v.workflows.unfinished.length)}`,
    ...[
      ...v.workflows.documentMismatches,
      ...v.workflows.movementMismatches,
      ...v.workflows.transferImbalances,
      ...v.workflows.poReceiptMismatches,
      ...v.workflows.unfinished,
    ]
      .slice(0, 10)
      .map((problem) => `               ${problem}`),
    `  terminals    unsynced ${String(v.unsynced)} · own health check failed: ${v.healthFailures.map((f) => f.terminal).join(', ') || 'none'} · missing store sales: ${v.terminalSalesMismatches.join(', ') || 'none'}`,
    `  verdict      ${isClean(v) ? 'OK — nothing lost, nothing doubled' : 'FAILED'}`,
    '',
  ];
  return lines.join('\n');
}
