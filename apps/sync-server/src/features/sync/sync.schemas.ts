import {
  type ErrorCode,
  MAX_PULL_LIMIT,
  PUSHABLE_COLLECTIONS,
  QUARANTINED_HEADER,
  type SyncCollection,
  SNAPSHOT_COLLECTIONS,
  SNAPSHOT_MEDIA_TYPE,
  SYNC_COLLECTIONS,
  snapshotEndSchema,
  snapshotHeaderSchema,
  documentSchemaOf,
  pokeEventSchema,
  pullResponseSchema,
  pushBodySchema,
  pushResponseSchema,
  syncStateSchema,
} from '@kiryana/shared';
import { z } from 'zod';

/**
 * Request and response schemas of the replication routes (`/v1/sync`), for validation here and
 * for the OpenAPI document. Documents themselves are the shared schemas of each collection.
 */

/** Page size when the client names none (RxDB's default pull batch size). */
const DEFAULT_PULL_LIMIT = 100;

/** Query of `GET /v1/sync/{collection}/pull`. */
export const pullQuerySchema = z.object({
  checkpoint: z
    .string()
    .max(512)
    .optional()
    .describe(
      'JSON of the checkpoint the previous page answered, `{"v":1,"epoch":"…","seq":"…"}`. ' +
        'Absent on the first pull. An unreadable checkpoint or one of another epoch restarts from 0.',
    ),
  limit: z
    .string()
    .regex(/^[1-9][0-9]{0,6}$/, 'a positive integer')
    .optional()
    .transform((text) => (text === undefined ? DEFAULT_PULL_LIMIT : Number(text)))
    .pipe(z.number().int().min(1).max(MAX_PULL_LIMIT))
    .describe(`Page size, 1–${MAX_PULL_LIMIT}; never capped below what the client asks.`),
});

/** The answer to a pull of `collection`. */
function pullResponseSchemaOf(collection: SyncCollection) {
  return pullResponseSchema(documentSchemaOf(collection));
}

/** The body of a push to `collection` (rows as RxDB's replication sends them). */
export function pushRequestSchemaOf(collection: SyncCollection) {
  return pushBodySchema(documentSchemaOf(collection));
}

/** The answer to a push: the stored state of each conflicting document (empty when none). */
function pushResponseSchemaOf(collection: SyncCollection) {
  return pushResponseSchema(documentSchemaOf(collection));
}

/** The answer to `GET /v1/sync/state`. */
const stateResponseSchema = syncStateSchema;

/** `data` of a `resync` event: the client should pull every collection (RxDB `'RESYNC'`). */
const resyncEventSchema = z.object({
  reason: z.enum(['connected', 'hints-lost']),
  serverTime: z.string(),
});

/** `data` of a `heartbeat` event, sent every 15–25 s so proxies keep the stream open. */
const heartbeatEventSchema = z.object({ serverTime: z.string() });

/** `data` of a `revoked` event: the device was revoked; the stream ends after it. */
export const revokedEventSchema = z.object({
  code: z.literal('DEVICE_REVOKED'),
  message: z.string(),
});

/** The events of `GET /v1/sync/stream` (text/event-stream), by SSE event name. */
const streamEventSchemas = {
  poke: pokeEventSchema,
  resync: resyncEventSchema,
  heartbeat: heartbeatEventSchema,
  revoked: revokedEventSchema,
} as const;

/** One route of the replication API, described for the OpenAPI document. */
export type SyncRouteDoc = {
  readonly method: 'get' | 'post';
  /** Relative to the `/v1/sync` mount. */
  readonly path: string;
  readonly summary: string;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** Schema of the 200 answer (JSON), or of each SSE event's data for the stream. */
  readonly response?: z.ZodType;
  /** Media type of the 200 answer when not JSON (a snapshot's schema is that of each line). */
  readonly contentType?: string;
  readonly events?: typeof streamEventSchemas;
  readonly errors: readonly ErrorCode[];
};

/**
 * The replication routes with concrete schemas, one pull per collection and one push per
 * pushable collection. Every route needs a device access token (`Authorization: Bearer …`);
 * errors answer the shared envelope.
 */
export function syncRouteDocs(): SyncRouteDoc[] {
  const pulls = SYNC_COLLECTIONS.map((collection): SyncRouteDoc => ({
    method: 'get',
    path: `/${collection}/pull`,
    summary: `A page of ${collection} changed after a checkpoint, in commit order.`,
    query: pullQuerySchema,
    response: pullResponseSchemaOf(collection),
    errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'],
  }));
  const pushes = PUSHABLE_COLLECTIONS.map((collection): SyncRouteDoc => ({
    method: 'post',
    path: `/${collection}/push`,
    summary:
      `Store pushed ${collection}; answers the stored state of every conflicting row. Rows ` +
      `that break a business rule are quarantined and counted in ${QUARANTINED_HEADER}.`,
    body: pushRequestSchemaOf(collection),
    response: pushResponseSchemaOf(collection),
    errors: [
      'VALIDATION_FAILED',
      'BAD_JSON',
      'PAYLOAD_TOO_LARGE',
      'UNSUPPORTED_MEDIA_TYPE',
      'CLIENT_TOO_OLD',
      'UNAUTHENTICATED',
    ],
  }));
  const snapshots = SNAPSHOT_COLLECTIONS.map((collection): SyncRouteDoc => ({
    method: 'get',
    path: `/${collection}/snapshot`,
    summary:
      `Every ${collection} document the device sees, for a new terminal's first load: NDJSON ` +
      '(gzip when accepted), a header line with the total, one document per line in commit ' +
      'order, and an end line with the checkpoint a pull continues from (docs/sync.md, "Snapshot").',
    contentType: SNAPSHOT_MEDIA_TYPE,
    response: z.union([snapshotHeaderSchema, documentSchemaOf(collection), snapshotEndSchema]),
    errors: ['VALIDATION_FAILED', 'UNKNOWN_COLLECTION', 'UNAUTHENTICATED'],
  }));
  return [
    ...pulls,
    ...snapshots,
    ...pushes,
    {
      method: 'get',
      path: '/stream',
      summary:
        'Server-Sent Events: `resync` on connect, `poke` hints, `heartbeat`s, and `revoked` last when the device is revoked.',
      events: streamEventSchemas,
      errors: ['UNAUTHENTICATED', 'DEVICE_REVOKED'],
    },
    {
      method: 'get',
      path: '/state',
      summary: "The device's scopes with epoch and last sequence number, and the server time.",
      response: stateResponseSchema,
      errors: ['UNAUTHENTICATED'],
    },
  ];
}
