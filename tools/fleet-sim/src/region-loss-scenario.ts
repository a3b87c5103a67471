import { isClean } from './fleet-checks';
import { formatRegionLoss, runRegionLoss } from './region-loss';

/** The options `pnpm sim --scenario region-loss` reads (the rest of `pnpm sim`'s are ignored). */
export const REGION_LOSS_HELP = `  --scenario region-loss  the region-loss drill (issue 20): two regions on a pg_auto_failover
                         formation; reads --terminals, --per-store, --rate, --products, --seed,
                         --servers (per region), --max-seconds, --data-dir, and
  --replication <kind>   sync (default) or async
  --hold <ms>            how long home must stay healthy before terminals move back (default 8000)
  --db-failback <0|1>    switch the database back to the home node before home opens (default 1)
`;

/**
 * `pnpm sim --scenario region-loss`: the drill of region-loss.ts with the figures it prints and
 * exit status 1 when anything was lost or doubled. Timings are the drill's short ones (the
 * terminal defaults would take minutes to move back home).
 */
export async function runRegionLossScenario(
  option: (name: string, fallback: number) => number,
  text: (name: string) => string | undefined,
  log: (line: string) => void,
): Promise<boolean> {
  const replication = text('replication') ?? 'sync';
  if (replication !== 'sync' && replication !== 'async') {
    throw new Error('--replication must be sync or async');
  }
  const dataRoot = text('data-dir');
  const result = await runRegionLoss({
    terminals: option('terminals', 6),
    terminalsPerStore: option('per-store', 2),
    products: option('products', 150),
    seed: option('seed', 1),
    serversPerRegion: Math.max(1, option('servers', 2)),
    billsPerSecond: option('rate', 2),
    replication,
    leadMs: 4_000,
    outageMs: 3_000,
    failBackDatabase: option('db-failback', 1) !== 0,
    failover: {
      failuresToFailover: 3,
      backoffBaseMs: 250,
      backoffMaxMs: 2_000,
      homeHoldMs: option('hold', 8_000),
      probeIntervalMs: 1_000,
    },
    ...(dataRoot ? { dataRoot } : {}),
    maxRunMs: option('max-seconds', 600) * 1000,
    log,
  });
  process.stdout.write(formatRegionLoss(result));
  return isClean(result.verdict);
}
