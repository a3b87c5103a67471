import { formatFailoverFigures, runFailoverDrill } from './db-failover-drill';
import { isClean } from './fleet-checks';
import { formatSummary } from './summary';

/** The options `pnpm sim --scenario db-failover` reads (the rest of `pnpm sim`'s are ignored). */
export const DB_FAILOVER_HELP = `  --scenario db-failover the database fail-over drill (issue 20): servers on a pg_auto_failover
                         formation, kill -9 of the primary under load; reads --terminals
                         (default 20), --per-store, --bills (default 40), --rate (default 2),
                         --servers (default 2), --products, --seed, --max-seconds, --data-dir,
                         --replication (sync or async), and
  --kill-after <ms>      billing time before the kill (default 6000)
  --switch-back <0|1>    after billing, switch the primary back to the old node (default 1)
  --default-detection <0|1>  pg_auto_failover's own detection timings, about a minute (default 0)
`;

/**
 * `pnpm sim --scenario db-failover`: the drill of db-failover-drill.ts with its figures and the
 * fleet summary, exit status 1 when anything was lost or doubled.
 */
export async function runDbFailoverScenario(
  option: (name: string, fallback: number) => number,
  text: (name: string) => string | undefined,
  log: (line: string) => void,
): Promise<boolean> {
  const replication = text('replication') ?? 'sync';
  if (replication !== 'sync' && replication !== 'async') {
    throw new Error('--replication must be sync or async');
  }
  const dataRoot = text('data-dir');
  const result = await runFailoverDrill({
    replication,
    terminals: option('terminals', 20),
    terminalsPerStore: option('per-store', 2),
    bills: option('bills', 40),
    billsPerSecond: option('rate', 2),
    servers: Math.max(1, option('servers', 2)),
    products: option('products', 150),
    seed: option('seed', 1),
    killAfterMs: option('kill-after', 6_000),
    rejoin: true,
    switchBack: option('switch-back', 1) !== 0,
    defaultDetection: option('default-detection', 0) !== 0,
    ...(dataRoot ? { dataRoot } : {}),
    maxRunMs: option('max-seconds', 900) * 1000,
    log,
  });
  process.stdout.write(formatSummary(result.run));
  process.stdout.write(`${formatFailoverFigures(result, replication)}\n`);
  return isClean(result.run.verdict);
}
