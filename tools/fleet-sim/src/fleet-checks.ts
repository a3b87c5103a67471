import type { Fleet } from './fleet';
import type { OwnHealth } from './own-health';
import type { TerminalReport } from './sim-terminal';
import { type WorkflowVerdict, isWorkflowClean, judgeWorkflows } from './workflow-checks';
import type { WorkflowTally } from './workflow-mix';

/**
 * The end-of-run verdict: what the terminals say they made against what the server holds, from
 * three sides — the server's tables (every id, once), each terminal's own health check through
 * `GET /v1/sync/health`, and the stock projection against the movements, on the server and as
 * each terminal pulled it.
 */

/** Everything a run is judged by. */
export type FleetVerdict = {
  readonly madeSales: number;
  readonly madeMovements: number;
  readonly serverSales: number;
  /** Made sale ids the server does not hold. */
  readonly missingSales: number;
  /** Sales the server holds that no terminal made. */
  readonly unexpectedSales: number;
  /** Bills held twice under different ids (same store and invoice number). */
  readonly doubledInvoices: number;
  readonly missingMovements: number;
  readonly quarantined: number;
  /** Facts still waiting in the terminals' outboxes. */
  readonly unsynced: number;
  /** Terminals whose own health check failed, with what it said. */
  readonly healthFailures: readonly { terminal: string; mismatches: readonly string[] }[];
  /** (store, product) pairs whose level differs from the sum of movements on the server. */
  readonly stockDrift: number;
  /** Terminals whose pulled stock levels differ from the server's. */
  readonly terminalStockMismatches: readonly string[];
  /** Terminals that do not hold every sale of their store. */
  readonly terminalSalesMismatches: readonly string[];
  /** Transfers and purchase orders (workflow-checks.ts). */
  readonly workflows: WorkflowVerdict;
};

/** Whether the verdict is clean. */
export function isClean(v: FleetVerdict): boolean {
  return (
    v.missingSales === 0 &&
    v.unexpectedSales === 0 &&
    v.doubledInvoices === 0 &&
    v.missingMovements === 0 &&
    v.quarantined === 0 &&
    v.unsynced === 0 &&
    v.healthFailures.length === 0 &&
    v.stockDrift === 0 &&
    v.terminalStockMismatches.length === 0 &&
    v.terminalSalesMismatches.length === 0 &&
    isWorkflowClean(v.workflows)
  );
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Judges a drained fleet. `reports` are the terminals' reports, in fleet order; `workflows` what
 * the transfer and PO mix did, when it ran.
 */
export async function judgeFleet(
  fleet: Pick<Fleet, 'database' | 'terminals'>,
  reports: readonly TerminalReport[],
  workflows?: WorkflowTally,
): Promise<FleetVerdict> {
  const db = fleet.database.db;
  const made = reports.flatMap((r) => r.made);
  const madeSaleIds = made.filter((f) => f.collection === 'sales').map((f) => f.id);
  const madeMovementIds = made.filter((f) => f.collection === 'stock-movements').map((f) => f.id);
  const sales = await db.query<{ id: string }>('SELECT id::text AS id FROM sales');
  const held = new Set(sales.rows.map((r) => r.id));
  const madeSet = new Set(madeSaleIds);
  const movements = await db.query<{ n: number }>(
    'SELECT count(*)::int8 AS n FROM stock_movements WHERE id = ANY($1::text[])',
    [madeMovementIds],
  );
  const doubled = await db.query<{ n: number }>(
    `SELECT (count(*) - count(DISTINCT (store_id, invoice_no)))::int8 AS n FROM sales`,
  );
  const quarantined = await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM quarantine');
  const drift = await db.query<{ n: number }>(
    `WITH summed AS (
       SELECT store_id, product_id, sum(qty_delta_base) AS qty FROM stock_movements GROUP BY 1, 2
     )
     SELECT count(*)::int8 AS n
       FROM summed s FULL JOIN stock_levels l USING (store_id, product_id)
      WHERE coalesce(s.qty, 0) <> coalesce(l.qty_base, 0)`,
  );

  const healthFailures: { terminal: string; mismatches: readonly string[] }[] = [];
  const terminalStockMismatches: string[] = [];
  const terminalSalesMismatches: string[] = [];
  const terminalDocumentMismatches: string[] = [];
  for (const terminal of fleet.terminals) {
    const health: OwnHealth = await terminal.process.checkHealth();
    if (!health.ok)
      healthFailures.push({ terminal: terminal.process.name, mismatches: health.mismatches });
    const storeId = terminal.credential.storeId;
    const levels = await db.query<{ product_id: string; qty_base: number }>(
      'SELECT product_id, qty_base FROM stock_levels WHERE store_id = $1',
      [storeId],
    );
    const storeSales = await db.query<{ n: number }>(
      'SELECT count(*)::int8 AS n FROM sales WHERE store_id = $1',
      [storeId],
    );
    const want = new Map(levels.rows.map((r) => [r.product_id, r.qty_base]));
    // Pulls follow hints; after the last push a terminal may still be a pull behind.
    const levelsMatch = await eventually(async () => {
      await terminal.process.resync();
      const local = await terminal.process.stockLevels();
      return (
        Object.keys(local).length === want.size &&
        [...want].every(([productId, qty]) => local[productId] === qty)
      );
    }, 30_000);
    if (!levelsMatch) terminalStockMismatches.push(terminal.process.name);
    const salesMatch = await eventually(
      async () => (await terminal.process.localSalesCount()) === storeSales.rows[0]?.n,
      30_000,
    );
    if (!salesMatch) terminalSalesMismatches.push(terminal.process.name);
    const documents = await db.query<{ id: string; status: string }>(
      `SELECT id, status FROM workflow_documents
        WHERE store_id = $1 AND kind IN ('transfer', 'purchase-order')`,
      [storeId],
    );
    const documentsMatch = await eventually(async () => {
      await terminal.process.resync();
      const local = await terminal.process.documentStatuses();
      return (
        Object.keys(local).length === documents.rows.length &&
        documents.rows.every((d) => local[d.id] === d.status)
      );
    }, 30_000);
    if (!documentsMatch) terminalDocumentMismatches.push(terminal.process.name);
  }
  return {
    madeSales: madeSaleIds.length,
    madeMovements: madeMovementIds.length,
    serverSales: held.size,
    missingSales: madeSaleIds.filter((id) => !held.has(id)).length,
    unexpectedSales: [...held].filter((id) => !madeSet.has(id)).length,
    doubledInvoices: doubled.rows[0]?.n ?? 0,
    missingMovements: madeMovementIds.length - (movements.rows[0]?.n ?? 0),
    quarantined: quarantined.rows[0]?.n ?? 0,
    unsynced: reports.reduce((sum, r) => sum + r.outbox, 0),
    healthFailures,
    stockDrift: drift.rows[0]?.n ?? 0,
    terminalStockMismatches,
    terminalSalesMismatches,
    workflows: await judgeWorkflows(
      db,
      reports.flatMap((r) => r.steps),
      workflows,
      terminalDocumentMismatches,
    ),
  };
}
