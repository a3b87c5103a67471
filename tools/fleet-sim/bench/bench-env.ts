/**
 * The environment of the initial-sync benchmark, read here and nowhere else: the Postgres it needs
 * (TEST_PG_URL, else DATABASE_URL) and the catalogue sizes (BENCH_PRODUCTS=n for one size; 20,000
 * and 100,000 by default).
 */
export const benchEnv = {
  pgUrl: process.env.TEST_PG_URL ?? process.env.DATABASE_URL,
  products: process.env.BENCH_PRODUCTS ? [Number(process.env.BENCH_PRODUCTS)] : [20_000, 100_000],
} as const;
