import {
  QUARANTINED_HEADER,
  pullResponseSchema,
  pushResponseSchema,
  syncStateSchema,
  type HealthReport,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type PushableCollection,
  type SyncCheckpoint,
  type SyncCollection,
  type SyncState,
} from '@kiryana/shared';
import { z } from 'zod';
import type { AccessTokens } from './device-api';
import { errorOf, urlOf, type FetchLike } from './sync-http';

/**
 * The replication endpoints (`/v1/sync`) and the health report (`/v1/fleet/report`), with the
 * access token attached and refreshed once on 401. Documents are passed through as the server
 * sends them: RxDB stores them as they are.
 */

/** Any document: they go to RxDB as the server sent them, which the server already validated. */
const anyDocumentSchema = z.record(z.string(), z.unknown());
const pullAnswerSchema = pullResponseSchema(anyDocumentSchema);
const pushAnswerSchema = pushResponseSchema(anyDocumentSchema);

/** A document as pulled or echoed back in a conflict. */
type WireDocument = z.infer<typeof anyDocumentSchema>;

/** The outcome of a push. */
export type PushOutcome = {
  /** The server's state of every conflicting document. */
  conflicts: PushResponse<WireDocument>;
  /** Rows the server put into quarantine instead of storing (its QUARANTINED_HEADER). */
  quarantined: number;
};

/** The sync API of one device. */
export type SyncApi = {
  readonly serverUrl: string;
  pull(
    collection: SyncCollection,
    checkpoint: SyncCheckpoint | null,
    limit: number,
  ): Promise<PullResponse<WireDocument>>;
  push(collection: PushableCollection, rows: readonly PushRow<unknown>[]): Promise<PushOutcome>;
  state(): Promise<SyncState>;
  /** Opens the event stream; the caller reads and closes it. */
  openStream(signal: AbortSignal): Promise<Response>;
  /** Tells the server how this terminal is (`POST /v1/fleet/report`). */
  report(health: HealthReport): Promise<void>;
};

/** Creates the sync API client. */
export function createSyncApi(
  fetchFn: FetchLike,
  serverUrl: string,
  tokens: AccessTokens,
): SyncApi {
  const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      const token = await tokens.get();
      const response = await fetchFn(urlOf(serverUrl, path), {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
      });
      if (response.status === 401 && attempt === 0) {
        tokens.invalidate();
        continue;
      }
      if (!response.ok) throw await errorOf(response);
      return response;
    }
  };
  return {
    serverUrl,
    async pull(collection, checkpoint, limit) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (checkpoint !== null) query.set('checkpoint', JSON.stringify(checkpoint));
      const response = await request(`/v1/sync/${collection}/pull?${query.toString()}`);
      return pullAnswerSchema.parse(await response.json());
    },
    async push(collection, rows) {
      const response = await request(`/v1/sync/${collection}/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rows),
      });
      const conflicts = pushAnswerSchema.parse(await response.json());
      const quarantined = Number(response.headers.get(QUARANTINED_HEADER) ?? '0');
      return { conflicts, quarantined: Number.isSafeInteger(quarantined) ? quarantined : 0 };
    },
    async state() {
      const response = await request('/v1/sync/state');
      return syncStateSchema.parse(await response.json());
    },
    openStream(signal) {
      return request('/v1/sync/stream', { headers: { accept: 'text/event-stream' }, signal });
    },
    async report(health) {
      const response = await request('/v1/fleet/report', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(health),
      });
      await response.body?.cancel();
    },
  };
}
