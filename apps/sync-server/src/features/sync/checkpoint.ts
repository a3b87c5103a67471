import { checkpointSchema, type SyncCheckpoint } from '@kiryana/shared';

/**
 * Pull checkpoints (docs/sync.md): `{ v: 1, epoch, seq }`, opaque to RxDB. `seq` is the scope's
 * commit-ordered sequence number of the last row the client received; `epoch` names the scope's
 * current numbering. A checkpoint that is missing, unreadable, of an older shape or of another
 * epoch restarts the client from seq 0: a re-pull converges (RxDB upserts what it already has),
 * while answering 400 would make RxDB retry the same bad checkpoint forever.
 */

/** Where a pull starts, after judging the client's checkpoint against the scope's epoch. */
export type PullStart = {
  /** Rows with a seq above this are returned (decimal string: seqs may exceed 2^53). */
  readonly afterSeq: string;
  /** Why a checkpoint the client sent was not honoured, or null (also for a first pull). */
  readonly restart: 'unreadable' | 'stale-epoch' | 'ahead-of-server' | null;
};

/** Parses the `checkpoint` query parameter (JSON text); undefined when it is not a valid checkpoint. */
function parseCheckpoint(text: string | undefined): SyncCheckpoint | undefined {
  if (text === undefined || text === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = checkpointSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Decides where a pull starts for the raw `checkpoint` parameter and the scope's current epoch and
 * last sequence number. A checkpoint beyond the scope's counter can only come from a database
 * restored without a new epoch; honouring it would hide every row until the counter caught up.
 */
export function pullStart(
  text: string | undefined,
  scope: { readonly epoch: string; readonly lastSeq: string },
): PullStart {
  if (text === undefined || text === '' || text === 'null') return { afterSeq: '0', restart: null };
  const checkpoint = parseCheckpoint(text);
  if (checkpoint === undefined) return { afterSeq: '0', restart: 'unreadable' };
  if (checkpoint.epoch !== scope.epoch) return { afterSeq: '0', restart: 'stale-epoch' };
  if (compareSeq(checkpoint.seq, scope.lastSeq) > 0) {
    return { afterSeq: '0', restart: 'ahead-of-server' };
  }
  return { afterSeq: checkpoint.seq, restart: null };
}

/** Compares two canonical decimal sequence numbers (no leading zeros) without losing precision. */
function compareSeq(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The checkpoint after a row of sequence number `seq`. */
export function checkpointAt(epoch: string, seq: string): SyncCheckpoint {
  return { v: 1, epoch, seq };
}
