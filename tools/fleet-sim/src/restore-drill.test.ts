import { expect, it } from 'vitest';
import type { Db } from '@kiryana/sync-server/operator';
import { isClean } from './fleet-checks';
import type { Fleet } from './fleet';
import {
  auditHeads,
  pgbackrestMissing,
  serverCli,
  startArchivingCluster,
  waitForPromotion,
} from './restore-drill';
import { runFleet } from './run-fleet';
import { formatSummary } from './summary';
import { report, systemTestDataRoot, systemTestsMustRun } from './system-test-env';

const BILLS = 45;
const BILLS_PER_SECOND = 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function count(db: Db, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: string }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs)
      throw new Error(`${what} within ${String(timeoutMs)} ms`);
    await sleep(200);
  }
  return performance.now() - started;
}

/** What the drill measured, printed at the end and checked by the test. */
type Figures = {
  target?: Date;
  fullBackupMs?: number;
  incrBackupMs?: number;
  restoreMs?: number;
  recoveryMs?: number;
  serverStartMs?: number;
  convergeMs?: number;
  salesBefore?: number;
  salesAtTarget?: number;
  receivedAfterTarget?: number;
  madeAfterTarget?: number;
  repushed?: number;
  reconciliations?: string[];
  auditVerify?: string;
  auditCut?: string[];
  restoreGauge?: number;
  enrolledAfterTarget?: string;
};

/**
 * Issue 20's restore drill. A private Postgres cluster archives its WAL into a pgBackRest
 * repository and has a full backup (`pnpm cli backup --type full`); four simulated terminals (two
 * stores) bill through a sync server; a third into the billing the drill marks the restore point
 * T, and an operator creates an enrolment code (an audit entry after T); billing goes on. (The
 * issue restores to "2 minutes before now"; here T lies between two billing phases, which is the
 * same situation in a test that stays short.) Then: an online incremental backup, the server and
 * Postgres stopped, `pnpm cli restore --to T`, Postgres started (it replays WAL to T and
 * promotes), the server started. Verdict: within one reconciliation (each terminal's, started by
 * the new epoch) every sale made after T is back, nothing is doubled, stock = Σ movements, and
 * the audit chain verifies, with the cut reported where the restore made it.
 */
it('restores to a time and the terminals bring back every sale after it', async (ctx) => {
  const missing = pgbackrestMissing();
  if (missing) {
    if (systemTestsMustRun()) throw new Error(`restore drill: ${missing}`);
    ctx.skip();
    return;
  }
  const drill = await startArchivingCluster();
  if ('unavailable' in drill) {
    if (systemTestsMustRun()) throw new Error(`restore drill: ${drill.unavailable}`);
    ctx.skip();
    return;
  }
  const { cluster, backupEnv } = drill;
  const onCluster = { ...backupEnv, DATABASE_URL: cluster.adminUrl };
  const f: Figures = {};
  try {
    const init = await serverCli('cli.ts', ['backup', 'init'], onCluster);
    expect(init.code, init.out).toBe(0);
    report(`restore-drill: ${init.out.trim()}`);
    // The full backup comes first, as it would in production, before the database of the run
    // exists: the restore then replays its creation, seed and billing from the archived WAL.
    const fullStarted = performance.now();
    const full = await serverCli('cli.ts', ['backup', '--type', 'full'], onCluster);
    f.fullBackupMs = performance.now() - fullStarted;
    expect(full.code, full.out).toBe(0);
    report(`restore-drill: ${full.out.trim()}`);
    const log = (line: string) => {
      report(`restore-drill: ${line}`);
    };

    const duringBilling = async (fleet: Fleet, billingDone: Promise<void>) => {
      // T a third into the billing: the terminals bill on for twice as long after it.
      await sleep((BILLS / BILLS_PER_SECOND) * 333);
      f.target = new Date();
      log(`restore point T = ${f.target.toISOString()}`);
      await sleep(500);
      // Something audited after T, which the restore must take back out of the chain.
      const store = fleet.terminals[0]?.storeCode ?? '';
      const enrol = await serverCli('cli.ts', ['enroll', store], {
        DATABASE_URL: fleet.database.url,
      });
      expect(enrol.code, enrol.out).toBe(0);
      f.enrolledAfterTarget = store;
      await billingDone;
    };

    const afterBilling = async (fleet: Fleet) => {
      const db = fleet.database.db;
      const target = f.target;
      if (!target) throw new Error('no restore point was marked');
      await Promise.all(fleet.terminals.map((t) => t.process.drain(60_000)));
      log('terminals drained');
      f.salesBefore = await count(db, 'SELECT count(*) AS n FROM sales');
      f.receivedAfterTarget = await count(
        db,
        'SELECT count(*) AS n FROM sales WHERE received_at > $1',
        [target],
      );
      f.madeAfterTarget = await count(db, 'SELECT count(*) AS n FROM sales WHERE created_at > $1', [
        target,
      ]);
      const headsBefore = await auditHeads(db);

      let started = performance.now();
      // Online too, and it archives the WAL up to its end, so T's segment is in the repository.
      const incr = await serverCli('cli.ts', ['backup'], onCluster);
      f.incrBackupMs = performance.now() - started;
      expect(incr.code, incr.out).toBe(0);
      const info = await serverCli('cli.ts', ['backup', 'info'], onCluster);
      report(`restore-drill: ${incr.out.trim()}\n${info.out.trim()}`);

      for (const server of fleet.servers) await server.stop();
      await cluster.halt();
      log('server and Postgres stopped');
      started = performance.now();
      const restore = await serverCli(
        'cli.ts',
        ['restore', '--to', target.toISOString()],
        onCluster,
      );
      f.restoreMs = performance.now() - started;
      expect(restore.code, restore.out).toBe(0);
      report(`restore-drill: ${restore.out.trim()}`);
      await cluster.start();
      f.recoveryMs = await waitForPromotion(cluster.adminUrl, 60_000);
      log(`Postgres replayed to T and promoted after ${seconds(f.recoveryMs)}`);

      f.salesAtTarget = await count(db, 'SELECT count(*) AS n FROM sales');
      const headsRestored = await auditHeads(db);
      f.auditCut = [...headsBefore]
        .filter(([chain, seq]) => (headsRestored.get(chain) ?? 0) < seq)
        .map(
          ([chain, seq]) =>
            `${chain}: entries ${String((headsRestored.get(chain) ?? 0) + 1)}–${String(seq)} rolled back (the chain ends at ${String(headsRestored.get(chain) ?? 0)})`,
        );
      const verify = await serverCli('audit-cli.ts', [], { DATABASE_URL: fleet.database.url });
      expect(verify.code, verify.out).toBe(0);
      f.auditVerify = verify.out.trim().split('\n').at(-1);
      log(`audit: ${f.auditVerify ?? ''}`);

      started = performance.now();
      for (const server of fleet.servers) await server.restart();
      f.serverStartMs = performance.now() - started;
      log(`server started again in ${seconds(f.serverStartMs)}`);
      const salesBefore = f.salesBefore;
      f.convergeMs = await until(
        async () => (await count(db, 'SELECT count(*) AS n FROM sales')) === salesBefore,
        90_000,
        'the terminals did not bring every sale back',
      );
      log(`every sale back after ${seconds(f.convergeMs)}`);
      // Each terminal reconciled once because of the new epoch (its last outcome says why).
      let reports = await Promise.all(fleet.terminals.map((t) => t.process.report()));
      await until(
        async () => {
          reports = await Promise.all(fleet.terminals.map((t) => t.process.report()));
          return reports.every((r) => r.lastStatus?.lastReconciliation?.reason === 'epoch');
        },
        30_000,
        'not every terminal reconciled after the new epoch',
      );
      f.reconciliations = reports.map((r) => {
        const o = r.lastStatus?.lastReconciliation;
        return `${r.name}: ${o?.reason ?? '-'} ${o?.status ?? '-'}, ${String(o?.daysDiffering ?? 0)} day(s) differed, ${String(o?.repushed ?? 0)} re-pushed`;
      });
      f.repushed = reports.reduce(
        (n, r) => n + (r.lastStatus?.lastReconciliation?.repushed ?? 0),
        0,
      );
      const metrics = await (await fetch(`${fleet.servers[0]?.url() ?? ''}/metrics`)).text();
      f.restoreGauge = Number(/^db_restore_opened_timestamp_seconds (\S+)$/m.exec(metrics)?.[1]);
    };

    const result = await runFleet({
      adminUrl: cluster.adminUrl,
      terminals: 4,
      terminalsPerStore: 2,
      products: 100,
      seed: 20,
      servers: 1,
      serverEntry: 'compiled',
      ...(systemTestDataRoot() ? { dataRoot: systemTestDataRoot() } : {}),
      plan: { bills: BILLS, billsPerSecond: BILLS_PER_SECOND, receiptEvery: 15 },
      duringBilling,
      afterBilling,
      maxRunMs: 320_000,
      log,
    });
    report(formatSummary(result));
    const lost = (f.salesBefore ?? 0) - (f.salesAtTarget ?? 0);
    report(
      [
        `restore-drill: restore point T = ${f.target?.toISOString() ?? '-'}`,
        `  backups      full (before the run) ${seconds(f.fullBackupMs ?? 0)} · incremental (online, after billing) ${seconds(f.incrBackupMs ?? 0)}`,
        `  restore      pgbackrest restore ${seconds(f.restoreMs ?? 0)} · WAL replay to T and promotion ${seconds(f.recoveryMs ?? 0)} · server start ${seconds(f.serverStartMs ?? 0)}`,
        `  lost         the server held ${String(f.salesBefore)} sales; after the restore ${String(f.salesAtTarget)} (${String(lost)} gone: ${String(f.receivedAfterTarget)} received after T, ${String(f.madeAfterTarget)} made after T)`,
        `  back         every sale back ${seconds(f.convergeMs ?? 0)} after the server started; ${String(f.repushed)} documents re-pushed by reconciliation`,
        ...(f.reconciliations ?? []).map((line) => `    ${line}`),
        `  audit        ${f.auditVerify ?? '-'}; cut by the restore (an enrolment code for ${f.enrolledAfterTarget ?? '-'} was made after T): ${(f.auditCut ?? []).join('; ') || 'nothing'}`,
        `  metrics      db_restore_opened_timestamp_seconds ${String(f.restoreGauge)}`,
      ].join('\n'),
    );

    expect(isClean(result.verdict), JSON.stringify(result.verdict)).toBe(true);
    expect(result.verdict.serverSales).toBe(result.verdict.madeSales);
    expect(result.verdict.doubledInvoices).toBe(0);
    expect(result.verdict.stockDrift).toBe(0);
    // The restore really lost sales (made after T), and every one came back.
    expect(lost).toBeGreaterThan(0);
    expect(f.madeAfterTarget).toBeGreaterThan(0);
    expect(f.repushed).toBeGreaterThanOrEqual(lost);
    // One reconciliation per terminal, started by the epoch and repaired (or clean: lost nothing).
    expect(f.reconciliations?.every((line) => / epoch (repaired|clean),/.test(line))).toBe(true);
    // The chain verifies; the enrolment code's entry after T is what the restore took out.
    expect(f.auditVerify).toMatch(/^audit log intact/);
    expect(f.auditCut?.some((line) => line.startsWith('store:'))).toBe(true);
    expect(f.restoreGauge).toBeGreaterThan(0);
  } finally {
    await cluster.stop();
  }
}, 420_000);
