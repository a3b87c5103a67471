import {
  QUARANTINED_HEADER,
  billLookupResponseSchema,
  SNAPSHOT_MEDIA_TYPE,
  healthReportAnswerSchema,
  pullResponseSchema,
  pushResponseSchema,
  syncHealthSchema,
  syncStateSchema,
  type BillLookupResponse,
  type HealthQuery,
  type HealthReport,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type PushableCollection,
  type SyncCheckpoint,
  type SyncCollection,
  type SyncHealth,
  type SyncState,
} from '@kiryana/shared';
import { z } from 'zod';
import type { AccessTokens } from './device-api';
import { errorOf, urlOf, type FetchLike } from './sync-http';
import { isEndpointFailure, type SyncEndpoints } from './sync-endpoints';
import { syncPaths } from './sync-paths';

/**
 * The replication endpoints (`/v1/sync`), the sync-health check (`/v1/sync/health`) and the health
 * report (`/v1/fleet/report`), with the access token attached and refreshed once on 401. Documents
 * are passed through as the server sends them: RxDB stores them as they are.
 */

/** Any document: they go to RxDB as the server sent them, which the server already validated. */
const anyDocumentSchema = z.record(z.string(), z.unknown());
const pullAnswerSchema = pullResponseSchema(anyDocumentSchema);
const pushAnswerSchema = pushResponseSchema(anyDocumentSchema);

/** A document as pulled or echoed back in a conflict. */
export type WireDocument = z.infer<typeof anyDocumentSchema>;

/** The outcome of a push. */
export type PushOutcome = {
  /** The server's state of every conflicting document. */
  conflicts: PushResponse<WireDocument>;
  /** Rows the server put into quarantine instead of storing (its QUARANTINED_HEADER). */
  quarantined: number;
};

/** The sync API of one device. */
export type SyncApi = {
  /** The home endpoint: stable across fail-overs, so replication checkpoints keep their scope. */
  readonly serverUrl: string;
  /** The endpoint list when the API fails over between regions; absent for a single server. */
  readonly endpoints?: SyncEndpoints;
  pull(
    collection: SyncCollection,
    checkpoint: SyncCheckpoint | null,
    limit: number,
  ): Promise<PullResponse<WireDocument>>;
  push(collection: PushableCollection, rows: readonly PushRow<unknown>[]): Promise<PushOutcome>;
  state(): Promise<SyncState>;
  /** Opens a collection's snapshot stream (snapshot-load.ts reads it); the caller reads or cancels it. */
  openSnapshot(collection: SyncCollection, signal?: AbortSignal): Promise<Response>;
  /** Opens the event stream; the caller reads and closes it. */
  openStream(signal: AbortSignal): Promise<Response>;
  /**
   * What the server holds of the device's store per terminal and day (`GET /v1/sync/health`);
   * the server picks the period it documents for what the query leaves out.
   */
  health(query?: Partial<HealthQuery>): Promise<SyncHealth>;
  /**
   * Tells the server how this terminal is (`POST /v1/fleet/report`). The answer carries the
   * region's sync endpoints as HQ last set them; with an endpoint list, a changed one replaces it.
   */
  report(health: HealthReport): Promise<void>;
  /**
   * One bill of the device's store with its returns (`GET /v1/sync/bill`), by invoice number or
   * id: for a return of a bill older than the terminal's local history. Rejects with a
   * SyncHttpError NOT_FOUND when the store has no such bill.
   */
  bill(
    query: { readonly invoiceNo: string } | { readonly id: string },
  ): Promise<BillLookupResponse>;
};

/** True when two endpoint lists name the same origins in the same order. */
function sameEndpoints(a: readonly string[], b: readonly string[]): boolean {
  const trim = (url: string) => url.replace(/\/+$/, '');
  return a.length === b.length && a.every((url, i) => trim(url) === trim(b[i] ?? ''));
}

/** The query string of a health check: only what was asked, `stock` as the server spells it. */
function healthSearch(query: Partial<HealthQuery>): string {
  const params = new URLSearchParams();
  if (query.from !== undefined) params.set('from', query.from);
  if (query.to !== undefined) params.set('to', query.to);
  if (query.terminalId !== undefined) params.set('terminalId', query.terminalId);
  if (query.stock !== undefined) params.set('stock', String(query.stock));
  return params.size > 0 ? `?${params.toString()}` : '';
}

/**
 * Creates the sync API client. Without `tokens` no Authorization header is added: for a `fetchFn`
 * that authenticates on its own (the server's tests call their app as an enrolled device). Given
 * `SyncEndpoints` instead of one URL, every request asks them for the endpoint in use and reports
 * back how it went (no answer or a 5xx counts against the endpoint), which is how a terminal fails
 * over to another region and back.
 * @example
 * const api = createSyncApi(fetch, credential.serverUrl, createAccessTokens(fetch, credential, clock));
 * const page = await api.pull('products', null, 100);
 */
export function createSyncApi(
  fetchFn: FetchLike,
  server: string | SyncEndpoints,
  tokens?: AccessTokens,
): SyncApi {
  const endpoints = typeof server === 'string' ? undefined : server;
  const serverUrl = typeof server === 'string' ? server : server.home;
  const send = async (path: string, init: RequestInit): Promise<Response> => {
    if (endpoints === undefined) return fetchFn(urlOf(serverUrl, path), init);
    const base = await endpoints.acquire(init.signal);
    let response: Response;
    try {
      response = await fetchFn(urlOf(base, path), init);
    } catch (error) {
      // The caller giving up (an aborted stream) says nothing about the endpoint.
      if (init.signal?.aborted !== true) endpoints.report(base, false);
      throw error;
    }
    endpoints.report(base, !isEndpointFailure(response.status));
    return response;
  };
  const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      const headers = { ...(init.headers as Record<string, string>) };
      if (tokens !== undefined) headers.authorization = `Bearer ${await tokens.get()}`;
      const response = await send(path, { ...init, headers });
      if (response.status === 401 && attempt === 0 && tokens !== undefined) {
        tokens.invalidate();
        continue;
      }
      if (!response.ok) throw await errorOf(response);
      return response;
    }
  };
  return {
    serverUrl,
    ...(endpoints === undefined ? {} : { endpoints }),
    async pull(collection, checkpoint, limit) {
      const response = await request(syncPaths.pull(collection, { checkpoint, limit }));
      return pullAnswerSchema.parse(await response.json());
    },
    async push(collection, rows) {
      const response = await request(syncPaths.push(collection), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rows),
      });
      const conflicts = pushAnswerSchema.parse(await response.json());
      const quarantined = Number(response.headers.get(QUARANTINED_HEADER) ?? '0');
      return { conflicts, quarantined: Number.isSafeInteger(quarantined) ? quarantined : 0 };
    },
    async state() {
      const response = await request(syncPaths.state);
      return syncStateSchema.parse(await response.json());
    },
    async health(query = {}) {
      const response = await request(`${syncPaths.health}${healthSearch(query)}`);
      return syncHealthSchema.parse(await response.json());
    },
    openSnapshot(collection, signal) {
      return request(syncPaths.snapshot(collection), {
        headers: { accept: SNAPSHOT_MEDIA_TYPE },
        ...(signal === undefined ? {} : { signal }),
      });
    },
    async bill(query) {
      const params = new URLSearchParams(
        'id' in query ? { id: query.id } : { invoiceNo: query.invoiceNo },
      );
      const response = await request(`${syncPaths.bill}?${params.toString()}`);
      return billLookupResponseSchema.parse(await response.json());
    },
    openStream(signal) {
      return request(syncPaths.stream, { headers: { accept: 'text/event-stream' }, signal });
    },
    async report(health) {
      const response = await request(syncPaths.fleetReport, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(health),
      });
      if (endpoints === undefined) {
        await response.body?.cancel();
        return;
      }
      // Lenient: a server of an older version answers without endpoints, a proxy with anything.
      const answer = healthReportAnswerSchema.safeParse(await response.json().catch(() => null));
      const listed = answer.success ? answer.data.endpoints : undefined;
      if (listed !== undefined && listed.length > 0 && !sameEndpoints(listed, endpoints.list()))
        endpoints.replace(listed);
    },
  };
}
