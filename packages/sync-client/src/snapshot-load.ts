import {
  snapshotEndSchema,
  snapshotHeaderSchema,
  type SyncCheckpoint,
  type SyncCollection,
} from '@kiryana/shared';
import type { RxCollection } from 'rxdb/plugins/core';

/**
 * Loads a snapshot stream (`GET /v1/sync/{collection}/snapshot`, docs/sync.md "Snapshot") into an
 * RxDB collection in large writes, and answers the checkpoint ordinary replication continues from.
 * Only pull-only collections have snapshots: RxDB's pull-only replication keeps no per-document
 * replication metadata (it skips storing pull meta without a push handler), so documents written
 * here are the same to it as documents it pulled itself.
 */

/** How far a snapshot load is. */
export type SnapshotProgress = {
  readonly collection: SyncCollection;
  /** Documents written so far. */
  readonly rows: number;
  /** Documents the server counted when the stream began. */
  readonly total: number;
};

/** A stream that ended without its end line (a dropped connection, a server that died). */
export class SnapshotCutError extends Error {
  override readonly name = 'SnapshotCutError';
}

/** Documents per write: one storage transaction each, and one progress step. */
const WRITE_BATCH = 5_000;

type WireDoc = { id: string; _deleted?: boolean } & Record<string, unknown>;

/** The NDJSON lines of a response body, as they arrive. */
async function* linesOf(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += decoder.decode(value, { stream: true });
      const lines = rest.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line !== '') yield line;
    }
    rest += decoder.decode();
    if (rest !== '') yield rest;
  } finally {
    reader.releaseLock();
  }
}

/**
 * Writes one batch: the last state of each document wins (a row changed during the stream comes
 * again later in it); tombstones remove what an earlier batch wrote.
 */
async function writeBatch(
  collection: RxCollection,
  batch: ReadonlyMap<string, WireDoc>,
): Promise<void> {
  const live: WireDoc[] = [];
  const removed: string[] = [];
  for (const doc of batch.values()) {
    if (doc._deleted === true) removed.push(doc.id);
    else live.push(doc);
  }
  if (live.length > 0) {
    const result = await collection.bulkUpsert(live);
    const failed = result.error[0];
    if (failed !== undefined) {
      throw new Error(`snapshot write failed: ${failed.documentId} (${String(failed.status)})`);
    }
  }
  if (removed.length > 0) await collection.bulkRemove(removed);
}

/**
 * Reads a snapshot response into `collection` and resolves with its end checkpoint; rejects with
 * SnapshotCutError when the stream lacks its end line or its count disagrees.
 */
export async function loadSnapshot(options: {
  readonly collection: SyncCollection;
  readonly rxCollection: RxCollection;
  readonly response: Response;
  readonly onProgress?: (progress: SnapshotProgress) => void;
}): Promise<SyncCheckpoint> {
  const { collection, rxCollection, response, onProgress } = options;
  if (response.body === null) throw new SnapshotCutError('The snapshot has no body.');
  let total: number | undefined;
  let rows = 0;
  let batch = new Map<string, WireDoc>();
  const flush = async () => {
    if (batch.size === 0) return;
    const writing = batch;
    batch = new Map();
    await writeBatch(rxCollection, writing);
    onProgress?.({ collection, rows, total: Math.max(total ?? 0, rows) });
  };
  for await (const line of linesOf(response.body)) {
    const value = JSON.parse(line) as Record<string, unknown>;
    if (total === undefined) {
      total = snapshotHeaderSchema.parse(value).snapshot.total;
      onProgress?.({ collection, rows: 0, total });
      continue;
    }
    if (typeof value.id === 'string') {
      batch.set(value.id, value as WireDoc);
      rows++;
      if (batch.size >= WRITE_BATCH) await flush();
      continue;
    }
    const end = snapshotEndSchema.parse(value).end;
    if (end.count !== rows) {
      throw new SnapshotCutError(
        `The snapshot of ${collection} ended after ${String(rows)} of ${String(end.count)} documents.`,
      );
    }
    await flush();
    // Done: rows written is the total now, whatever the count at the start said.
    onProgress?.({ collection, rows, total: rows });
    return end.checkpoint;
  }
  throw new SnapshotCutError(
    `The snapshot of ${collection} was cut off after ${String(rows)} documents.`,
  );
}
