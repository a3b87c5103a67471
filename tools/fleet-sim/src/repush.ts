import type { SyncApi } from '@kiryana/sync-client';
import type { TerminalDatabase } from '@kiryana/terminal/headless';
import { type Random, randomInt } from './random';

/**
 * Same-document retries on purpose: a terminal that crashed before it recorded a push's success,
 * or a double click on "sync now", sends documents the server already holds. Through the
 * terminal's own API client, this pushes up to ten sales that already synced; the server must
 * answer no conflicts and store nothing new.
 */

/** Running totals of the retries. */
export type RepushTally = {
  batches: number;
  rows: number;
  conflicts: number;
  failures: number;
  lastFailure: string | null;
};

/** Pushes a few synced sales again and adds the outcome to `tally`. */
export async function repushSynced(
  deps: {
    readonly db: TerminalDatabase;
    /** The terminal's API client (`createSyncApi`) with its own access tokens. */
    readonly api: SyncApi;
    readonly random: Random;
  },
  tally: RepushTally,
): Promise<void> {
  const pending = new Set((await deps.db.outbox.find().exec()).map((entry) => entry.id));
  const sales = (await deps.db.sales.find().exec()).filter((doc) => !pending.has(doc.id));
  if (sales.length === 0) return;
  const count = Math.min(sales.length, randomInt(deps.random, 1, 10));
  const start = randomInt(deps.random, 0, sales.length - count);
  const rows = sales
    .slice(start, start + count)
    .map((doc) => ({ newDocumentState: { ...doc.toJSON(), _deleted: false } }));
  try {
    const outcome = await deps.api.push('sales', rows);
    tally.batches += 1;
    tally.rows += rows.length;
    tally.conflicts += outcome.conflicts.length;
  } catch (error) {
    // Faults are injected on this path too; the terminal's own queue is what must never lose.
    tally.failures += 1;
    tally.lastFailure = String(error).slice(0, 300);
  }
}

/**
 * The same for transfer and PO steps: pushes a few steps this terminal took that already synced.
 * The server must treat each as the replay it is (no conflict, no second movement).
 */
export async function repushSyncedSteps(
  deps: {
    readonly db: TerminalDatabase;
    readonly api: SyncApi;
    readonly random: Random;
    /** Ids of the steps this terminal took (a peer's steps of the same store are pulled too). */
    readonly ownStepIds: readonly string[];
  },
  tally: RepushTally,
): Promise<void> {
  const pending = new Set((await deps.db.outbox.find().exec()).map((entry) => entry.id));
  const own = deps.ownStepIds.filter((id) => !pending.has(id));
  const steps =
    own.length === 0 ? [] : [...(await deps.db.documents.findByIds(own).exec()).values()];
  if (steps.length === 0) return;
  const count = Math.min(steps.length, randomInt(deps.random, 1, 3));
  const start = randomInt(deps.random, 0, steps.length - count);
  const rows = steps
    .slice(start, start + count)
    .map((doc) => ({ newDocumentState: { ...doc.toJSON(), _deleted: false } }));
  try {
    const outcome = await deps.api.push('documents', rows);
    tally.batches += 1;
    tally.rows += rows.length;
    tally.conflicts += outcome.conflicts.length;
  } catch (error) {
    tally.failures += 1;
    tally.lastFailure = String(error).slice(0, 300);
  }
}
