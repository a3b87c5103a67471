import { map, type Observable } from 'rxjs';
import type { TerminalDatabase } from './database';

/**
 * Small JSON values kept as RxDB local documents (settings, parked bills, sync bookkeeping): not
 * replicated, no collection of their own. Values are parsed by the caller on the way out, so a
 * value written by an older version can never crash the screen.
 */

/** The keys of the terminal's local documents. */
export type LocalKey =
  | 'settings'
  | 'parked-bills'
  | 'sync-log'
  | 'barcode-directory'
  /** The end checkpoints of the snapshots a first sync loaded, with their replication scope. */
  | 'snapshot-checkpoints'
  /** The sync endpoints HQ last sent, which outrank the list enrolment gave (issue 20). */
  | 'sync-endpoints';

/** Turns stored JSON into a value, or undefined when it is not one. */
export type LocalParser<T> = (data: unknown) => T | undefined;

/** Reads a local value. */
export async function readLocal<T>(
  db: TerminalDatabase,
  key: LocalKey,
  parse: LocalParser<T>,
): Promise<T | undefined> {
  const doc = await db.getLocal<{ value: unknown }>(key);
  return parse(doc?.toJSON().data.value);
}

/** Writes a local value (replacing the previous one). */
export async function writeLocal(
  db: TerminalDatabase,
  key: LocalKey,
  value: unknown,
): Promise<void> {
  await db.upsertLocal(key, { value });
}

/** Watches a local value; emits undefined while it is absent or unreadable. */
export function watchLocal<T>(
  db: TerminalDatabase,
  key: LocalKey,
  parse: LocalParser<T>,
): Observable<T | undefined> {
  return db.getLocal$<{ value: unknown }>(key).pipe(map((doc) => parse(doc?.toJSON().data.value)));
}
