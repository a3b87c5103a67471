/** The environment of the outbox relay bench: where Postgres is, and how many events to write. */
export function outboxRelayBenchEnv(): { pgUrl: string | undefined; events: number } {
  return {
    pgUrl: process.env.TEST_PG_URL ?? process.env.DATABASE_URL,
    events: Number(process.env.BENCH_OUTBOX_EVENTS ?? 60_000),
  };
}
