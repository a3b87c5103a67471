import { z } from 'zod';
import { SYNC_COLLECTIONS } from './collections';

/**
 * The replication protocol between terminals and the sync server (see docs/sync.md).
 *
 * A checkpoint is opaque to RxDB. `seq` is a per-scope sequence number that the server hands out
 * under the scope's row lock, so sequence numbers follow commit order and a pull never skips a row
 * of a transaction that began earlier but committed later. It is a decimal string because it may
 * exceed 2^53. `epoch` changes when the server resets a scope (restore, purge); a checkpoint of
 * another epoch restarts the client from zero.
 */
export const checkpointSchema = z.object({
  v: z.literal(1),
  epoch: z.string().min(1).max(64),
  seq: z.string().regex(/^(0|[1-9][0-9]{0,18})$/, 'a decimal sequence number'),
});

/** A pull checkpoint. */
export type SyncCheckpoint = z.infer<typeof checkpointSchema>;

/**
 * Builds the zod schema of the answer to `GET /v1/sync/{collection}/pull` for a document schema: a
 * page of documents and the checkpoint after it (the starting one when the page is empty).
 */
export function pullResponseSchema<T extends z.ZodType>(documentSchema: T) {
  return z.object({ documents: z.array(documentSchema), checkpoint: checkpointSchema });
}

/** The answer to a pull, with documents of type `TDoc`. */
export type PullResponse<TDoc> = { documents: TDoc[]; checkpoint: SyncCheckpoint };

/** One row of `POST /v1/sync/{collection}/push`, exactly as RxDB's replication sends it. */
export type PushRow<TDoc> = {
  newDocumentState: TDoc;
  assumedMasterState?: TDoc | null;
};

/** Builds the zod schema of a push body for a document schema. */
export function pushBodySchema<T extends z.ZodType>(documentSchema: T) {
  return z
    .array(
      z.object({
        newDocumentState: documentSchema,
        assumedMasterState: documentSchema.nullable().optional(),
      }),
    )
    .max(MAX_PUSH_ROWS);
}

/** The most rows one push may carry; RxDB's default push batch is far below this. */
export const MAX_PUSH_ROWS = 500;

/** The most documents one pull page may return; the server never caps below a client's batch size up to this. */
export const MAX_PULL_LIMIT = 1000;

/**
 * Builds the zod schema of the answer to `POST /v1/sync/{collection}/push` for a document schema:
 * the server's state of every document that conflicted (empty when none). Documents of another
 * store are never echoed back.
 */
export function pushResponseSchema<T extends z.ZodType>(documentSchema: T) {
  return z.array(documentSchema);
}

/** The answer to a push, with documents of type `TDoc`. */
export type PushResponse<TDoc> = TDoc[];

/** The `data` of a `poke` event on `GET /v1/sync/stream`: a hint to pull, never documents. */
export const pokeEventSchema = z.object({
  collection: z.enum(SYNC_COLLECTIONS),
  seq: z.string(),
});

/** A stream hint. */
export type PokeEvent = z.infer<typeof pokeEventSchema>;

/** One scope's replication state, for progress bars and staleness checks. */
export const scopeStateSchema = z.object({
  scope: z.string(),
  epoch: z.string(),
  lastSeq: z.string(),
});

/** The answer to `GET /v1/sync/state`. */
export const syncStateSchema = z.object({
  scopes: z.array(scopeStateSchema),
  serverTime: z.string(),
  storeId: z.string(),
  terminalId: z.string(),
});

/** Replication state of a device. */
export type SyncState = z.infer<typeof syncStateSchema>;

/** Why a pushed row was put into quarantine instead of being applied (it still drains the queue). */
export type QuarantineReason = {
  documentId: string;
  code: string;
  message: string;
};
