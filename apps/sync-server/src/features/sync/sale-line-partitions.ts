import type { Clock } from '@kiryana/shared';
import type { Db } from '../../db/db';

/**
 * Monthly partitions of `sale_lines` are made ahead, off the push hot path: creating a partition
 * locks the parent table, which no push should wait for. At start-up (and daily) the server makes
 * the months around today; a push whose business date falls in a month without a partition
 * still succeeds (its rows land in the default partition) and schedules that month in the
 * background, which moves the stray rows out of the default partition. Months far from today
 * (a terminal clock years off) stay in the default partition rather than creating tables for them.
 */

const MONTHS_BACK = 24;
const MONTHS_AHEAD = 3;
const known = new WeakMap<Db, Set<string>>();
const pending = new WeakMap<Db, Promise<void>>();

/** Month key `YYYY-MM` of a `YYYY-MM-DD` date. */
function monthOf(date: string): string {
  return date.slice(0, 7);
}

function monthsFrom(clock: Clock, offset: number): string {
  const now = new Date(clock.now());
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1))
    .toISOString()
    .slice(0, 7);
}

async function loadKnown(db: Db): Promise<Set<string>> {
  const result = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'sale_lines'::regclass`,
  );
  const months = new Set<string>();
  for (const { name } of result.rows) {
    const match = /^sale_lines_(\d{4})(\d{2})$/.exec(name);
    if (match) months.add(`${match[1] ?? ''}-${match[2] ?? ''}`);
  }
  known.set(db, months);
  return months;
}

async function createMonth(db: Db, month: string): Promise<void> {
  await db.transaction(async (tx) => {
    // Two processes creating the same month would collide on CREATE TABLE.
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('sale_lines_partitions'))");
    await tx.query('SELECT ensure_sale_lines_partition($1::date)', [`${month}-01`]);
  });
}

/**
 * Makes the monthly partitions from last month to MONTHS_AHEAD months ahead; run at start-up and
 * daily. @returns the number of partitions created
 */
export async function ensureSaleLinePartitionsAhead(db: Db, clock: Clock): Promise<number> {
  const result = await db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('sale_lines_partitions'))");
    return tx.query<{ n: number }>(
      'SELECT ensure_sale_lines_partitions($1::date, $2::date, $3) AS n',
      [`${monthsFrom(clock, -1)}-01`, `${monthsFrom(clock, 0)}-01`, MONTHS_AHEAD],
    );
  });
  await loadKnown(db);
  return result.rows[0]?.n ?? 0;
}

/**
 * Called after a push committed with these business dates: schedules the missing months that are
 * plausibly near today, and those from last month to MONTHS_AHEAD ahead. Never throws; `onError`
 * hears about failures (the next push retries).
 */
export function scheduleSaleLinePartitions(
  db: Db,
  clock: Clock,
  dates: readonly string[],
  onError: (error: unknown) => void,
): void {
  const from = monthsFrom(clock, -MONTHS_BACK);
  const to = monthsFrom(clock, MONTHS_AHEAD);
  const months = new Set(dates.map(monthOf).filter((m) => m >= from && m <= to));
  // The months around today ride along, so a server keeps its partitions ahead by itself as the
  // calendar moves on, even where nobody runs ensureSaleLinePartitionsAhead.
  for (let offset = -1; offset <= MONTHS_AHEAD; offset += 1) months.add(monthsFrom(clock, offset));
  const cached = known.get(db);
  if (cached && [...months].every((m) => cached.has(m))) return;
  const previous = pending.get(db) ?? Promise.resolve();
  const next = previous
    .then(async () => {
      const have = known.get(db) ?? (await loadKnown(db));
      for (const month of months) {
        if (have.has(month)) continue;
        await createMonth(db, month);
        have.add(month);
      }
    })
    .catch(onError);
  pending.set(db, next);
}

/** Resolves when the partitions scheduled so far exist (tests; graceful shutdown). */
export async function settleSaleLinePartitions(db: Db): Promise<void> {
  await pending.get(db);
}
