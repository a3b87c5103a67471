import { parseArgs } from 'node:util';
import { spreadFaults } from './chaos-monkey';
import { isClean } from './fleet-checks';
import { openRunPostgres } from './database-faults';
import { DB_FAILOVER_HELP, runDbFailoverScenario } from './db-failover-scenario';
import { REGION_LOSS_HELP, runRegionLossScenario } from './region-loss-scenario';
import { runFleet } from './run-fleet';
import { simPgUrl } from './sim-env';
import { formatSummary } from './summary';
import { DEFAULT_WORKFLOW_MIX } from './workflow-mix';

/**
 * `pnpm sim`: a fleet of simulated terminals against real sync-server processes on loopback,
 * bounded in bills and in time, then a summary and a verdict (exit status 1 when anything was lost
 * or doubled). The database is created on DATABASE_URL / TEST_PG_URL (admin URL) and dropped;
 * with `--db-restarts` or without a URL it runs on a private Postgres cluster of its own.
 */

const HELP = `pnpm sim [options]
  --terminals <n>        terminals (default 6)
  --per-store <n>        terminals per store (default 2)
  --bills <n>            bills per terminal (default 200)
  --rate <n>             mean bills per second per terminal, jittered (default 5)
  --offline <p>          chance of an offline spell after each bill (default 0.02)
  --drop <p>             chance the proxy drops a new connection (default 0.02)
  --cut <p>              chance the proxy cuts a response after the request went through (default 0.02)
  --delay <ms>           latency the proxy adds per chunk (default 0)
  --kills <n>            server SIGKILLs during billing, each restarted (default 0)
  --db-restarts <n>      database restarts during billing (private cluster; default 0)
  --servers <n>          server processes behind the proxy (default 1)
  --gateway <kind>       what balances the servers: proxy (the fault proxy, default) or haproxy
                         (Debian's HAProxy with deploy/haproxy's rules, behind the fault proxy)
  --products <n>         catalogue size (default 200)
  --repush-every <n>     push synced sales again every n bills (default 25)
  --receipt-every <n>    receive goods every n bills (default 20)
  --transfers <n>        transfers between the fleet's stores beside the billing (default ${String(DEFAULT_WORKFLOW_MIX.transfers)})
  --purchase-orders <n>  purchase orders received at the fleet's stores (default ${String(DEFAULT_WORKFLOW_MIX.purchaseOrders)})
  --seed <n>             random seed (default 1)
  --data-dir <path>      where terminal databases go (default: the OS temp folder)
  --max-seconds <n>      give up after this long (default 900)
${REGION_LOSS_HELP}${DB_FAILOVER_HELP}`;

function numberOption(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`);
  return n;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    process.stdout.write(HELP);
    return;
  }
  const { values } = parseArgs({
    options: Object.fromEntries(
      [
        'terminals',
        'per-store',
        'bills',
        'rate',
        'offline',
        'drop',
        'cut',
        'delay',
        'kills',
        'db-restarts',
        'servers',
        'products',
        'repush-every',
        'receipt-every',
        'transfers',
        'purchase-orders',
        'seed',
        'max-seconds',
        'data-dir',
        'gateway',
        'scenario',
        'replication',
        'hold',
        'db-failback',
        'kill-after',
        'switch-back',
        'default-detection',
      ].map((name) => [name, { type: 'string' as const }]),
    ),
    allowPositionals: false,
  });
  const v = values as Record<string, string | undefined>;
  if (v.scenario !== undefined) {
    if (v.scenario !== 'region-loss' && v.scenario !== 'db-failover') {
      throw new Error('--scenario must be region-loss or db-failover');
    }
    const run = v.scenario === 'region-loss' ? runRegionLossScenario : runDbFailoverScenario;
    const clean = await run(
      (name, fallback) => numberOption(v[name], fallback, name),
      (name) => v[name],
      (line) => process.stderr.write(`[sim ${new Date().toISOString().slice(11, 19)}] ${line}\n`),
    );
    if (!clean) process.exitCode = 1;
    return;
  }
  const terminals = numberOption(v.terminals, 6, 'terminals');
  const bills = numberOption(v.bills, 200, 'bills');
  const rate = numberOption(v.rate, 5, 'rate');
  const kills = numberOption(v.kills, 0, 'kills');
  const dbRestarts = numberOption(v['db-restarts'], 0, 'db-restarts');
  const servers = numberOption(v.servers, 1, 'servers');
  const gateway = v.gateway ?? 'proxy';
  if (gateway !== 'proxy' && gateway !== 'haproxy') {
    throw new Error('--gateway must be proxy or haproxy');
  }
  const postgres = await openRunPostgres(simPgUrl(), { preferPrivate: dbRestarts > 0 });
  if (!postgres) throw new Error('no database: set DATABASE_URL to a Postgres admin URL');
  const log = (line: string) =>
    process.stderr.write(`[sim ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  log(
    postgres.kind === 'private-cluster'
      ? `database on a ${postgres.note}`
      : `database on the configured Postgres${dbRestarts > 0 ? ` (restarts terminate its backends: ${postgres.note})` : ''}`,
  );
  try {
    const result = await runFleet({
      adminUrl: postgres.adminUrl,
      terminals,
      terminalsPerStore: numberOption(v['per-store'], 2, 'per-store'),
      products: numberOption(v.products, 200, 'products'),
      seed: numberOption(v.seed, 1, 'seed'),
      servers,
      gateway,
      ...(v['data-dir'] ? { dataRoot: v['data-dir'] } : {}),
      plan: {
        bills,
        billsPerSecond: rate,
        offlineChance: numberOption(v.offline, 0.02, 'offline'),
        repushEvery: numberOption(v['repush-every'], 25, 'repush-every'),
        receiptEvery: numberOption(v['receipt-every'], 20, 'receipt-every'),
      },
      workflows: {
        ...DEFAULT_WORKFLOW_MIX,
        transfers: numberOption(v.transfers, DEFAULT_WORKFLOW_MIX.transfers, 'transfers'),
        purchaseOrders: numberOption(
          v['purchase-orders'],
          DEFAULT_WORKFLOW_MIX.purchaseOrders,
          'purchase-orders',
        ),
        spreadMs: (bills / Math.max(rate, 0.1)) * 1000 * 0.6,
        seed: numberOption(v.seed, 1, 'seed'),
      },
      proxyFaults: {
        dropRate: numberOption(v.drop, 0.02, 'drop'),
        cutResponseRate: numberOption(v.cut, 0.02, 'cut'),
        delayMs: numberOption(v.delay, 0, 'delay'),
      },
      chaos: spreadFaults({
        expectedBillingMs: (bills / Math.max(rate, 0.1)) * 1000,
        kills,
        dbRestarts,
        servers,
      }),
      restartDatabase: (name) => postgres.restart(name),
      maxRunMs: numberOption(v['max-seconds'], 900, 'max-seconds') * 1000,
      log,
    });
    process.stdout.write(formatSummary(result));
    if (!isClean(result.verdict)) process.exitCode = 1;
  } finally {
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `sim failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
