/**
 * The environment of the initial-sync benchmark, read here and nowhere else: the Postgres it needs
 * (TEST_PG_URL, else DATABASE_URL) and the catalogue size (BENCH_PRODUCTS, default 20,000).
 */
export const benchEnv = {
  pgUrl: process.env.TEST_PG_URL ?? process.env.DATABASE_URL,
  products: Number(process.env.BENCH_PRODUCTS ?? 20_000),
} as const;
