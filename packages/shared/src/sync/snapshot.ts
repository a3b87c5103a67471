import { z } from 'zod';
import { PUSHABLE_COLLECTIONS, SYNC_COLLECTIONS, type SyncCollection } from './collections';
import { checkpointSchema } from './protocol';

/**
 * The bulk first load of a new terminal (`GET /v1/sync/{collection}/snapshot`, docs/sync.md
 * "Snapshot"): every row of a pull-only collection in the device's scope as one gzip-compressed
 * NDJSON stream, instead of a hundred pull pages. Line 1 is a header, then one document per line,
 * and the last line ends the stream with the checkpoint an ordinary pull continues from. A stream
 * without its end line was cut off and is worth nothing: the client loads it again.
 *
 * Only pull-only collections have a snapshot: the client writes a snapshot straight into its
 * database, which is right for server-owned documents but would make a terminal's own facts look
 * like local writes to push back.
 */
export const SNAPSHOT_COLLECTIONS = SYNC_COLLECTIONS.filter(
  (collection) => !(PUSHABLE_COLLECTIONS as readonly string[]).includes(collection),
);

/** True when `collection` can be loaded by a snapshot. */
export function hasSnapshot(collection: SyncCollection): boolean {
  return SNAPSHOT_COLLECTIONS.includes(collection);
}

/** Media type of a snapshot (one JSON value per line). */
export const SNAPSHOT_MEDIA_TYPE = 'application/x-ndjson';

/** The first line: which collection, and about how many documents follow (for progress and ETA). */
export const snapshotHeaderSchema = z.object({
  snapshot: z.object({
    v: z.literal(1),
    collection: z.enum(SYNC_COLLECTIONS),
    /** Rows in scope when the stream began; rows written meanwhile may add a few. */
    total: z.number().int().nonnegative(),
  }),
});

/** The header line of a snapshot. */
export type SnapshotHeader = z.infer<typeof snapshotHeaderSchema>;

/**
 * The last line: the checkpoint after the last row sent (a pull from it misses nothing, by the
 * commit-ordered sequence numbers), and how many document lines came before it.
 */
export const snapshotEndSchema = z.object({
  end: z.object({ checkpoint: checkpointSchema, count: z.number().int().nonnegative() }),
});

/** The end line of a snapshot. */
export type SnapshotEnd = z.infer<typeof snapshotEndSchema>;
