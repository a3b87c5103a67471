/**
 * The knobs of `pnpm bench` for this package, read here and nowhere else. BENCH_RUNS sets the
 * rounds of RxDB's benchmark (default 20), BENCH_ROUNDS the rounds of the bulk insert comparison
 * (default 5).
 */
export const benchEnv = {
  runs: Number(process.env.BENCH_RUNS ?? 20),
  rounds: Number(process.env.BENCH_ROUNDS ?? 5),
} as const;
