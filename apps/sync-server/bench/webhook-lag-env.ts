/** The environment of the webhook lag bench: where Postgres is, the load, and how long it runs. */
export function webhookLagBenchEnv(): {
  pgUrl: string | undefined;
  rate: number;
  seconds: number;
  stores: number;
} {
  return {
    pgUrl: process.env.TEST_PG_URL ?? process.env.DATABASE_URL,
    rate: Number(process.env.BENCH_WEBHOOK_RATE ?? 1_000),
    seconds: Number(process.env.BENCH_WEBHOOK_SECONDS ?? 10),
    stores: Number(process.env.BENCH_WEBHOOK_STORES ?? 20),
  };
}
