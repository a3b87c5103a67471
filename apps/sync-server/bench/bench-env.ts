/**
 * The environment of the server's benchmarks, read here and nowhere else (the outbox relay's in
 * outbox-relay-env.ts). Sizes can be turned down for a quick run; each default is the figure the
 * README reports.
 */

/** Postgres for the benchmarks that need one: TEST_PG_URL, else DATABASE_URL, else none. */
export const benchPgUrl = process.env.TEST_PG_URL ?? process.env.DATABASE_URL;

const count = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);

/** Sizes, by benchmark. */
export const benchSizes = {
  /** event-streams: open device streams, and pushes made while they listen. */
  streams: count('BENCH_STREAMS', 2_000),
  pushes: count('BENCH_PUSHES', 600),
  /** region-report: sale lines in the region. */
  lines: count('BENCH_LINES', 5_200_000),
  /** pin-cracking: guesses timed per KDF. */
  pinGuesses: count('BENCH_PIN_GUESSES', 5),
  /** push-ingest: sales per push, and sales in all on Postgres and on PGlite. */
  batch: count('BENCH_BATCH', 100),
  postgresSales: count('BENCH_SALES', 6_000),
  pgliteSales: count('BENCH_SALES', 2_000),
} as const;

/** The environment a server child inherits from this process, before its own settings. */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return { ...process.env };
}
