/**
 * The knobs of this package's `pnpm bench`, read here and nowhere else. TERMINAL_BENCH_SIZES:
 * comma-separated catalogue sizes, the baseline first (default 2000,20000,100000).
 */
export const benchEnv = {
  sizes: (process.env.TERMINAL_BENCH_SIZES ?? '2000,20000,100000').split(',').map(Number),
} as const;
