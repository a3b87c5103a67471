/** The environment of the webhook lag bench: where Postgres is, the load, and how long it runs. */
export function webhookLagBenchEnv(): {
  pgUrl: string | undefined;
  rate: number;
  seconds: number;
  stores: number;
  perSubscription: number | undefined;
  dispatcherProcess: boolean;
} {
  return {
    pgUrl: process.env.TEST_PG_URL ?? process.env.DATABASE_URL,
    rate: Number(process.env.BENCH_WEBHOOK_RATE ?? 1_000),
    seconds: Number(process.env.BENCH_WEBHOOK_SECONDS ?? 10),
    stores: Number(process.env.BENCH_WEBHOOK_STORES ?? 20),
    // Requests in flight per subscription (the dispatcher's default when unset).
    perSubscription: process.env.BENCH_WEBHOOK_CONCURRENCY
      ? Number(process.env.BENCH_WEBHOOK_CONCURRENCY)
      : undefined,
    // WEBHOOK_DISPATCHER=process: the dispatcher in a child process, as server.ts would run it.
    dispatcherProcess: process.env.WEBHOOK_DISPATCHER === 'process',
  };
}
