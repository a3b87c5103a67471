import type { SyncCheckpoint } from '@kiryana/shared';

/**
 * The paths of the device-facing endpoints, relative to the server's base URL. The client builds
 * every request from these, and so do the server's protocol tests when they send raw requests, so
 * a path is spelled once.
 */

/** Query of a pull: a checkpoint object, or a string sent as it is (tests send malformed ones). */
export type PullQuery = {
  readonly checkpoint?: SyncCheckpoint | string | null;
  readonly limit?: number;
};

/** `GET /v1/sync/{collection}/pull`, with the checkpoint and limit in the query when given. */
function pullPath(collection: string, query: PullQuery = {}): string {
  const params = new URLSearchParams();
  const { checkpoint, limit } = query;
  if (checkpoint !== undefined && checkpoint !== null) {
    params.set(
      'checkpoint',
      typeof checkpoint === 'string' ? checkpoint : JSON.stringify(checkpoint),
    );
  }
  if (limit !== undefined) params.set('limit', String(limit));
  return params.size > 0
    ? `/v1/sync/${collection}/pull?${params.toString()}`
    : `/v1/sync/${collection}/pull`;
}

/**
 * The endpoints a device calls. Collections are plain strings so that tests can ask for one the
 * server does not know.
 * @example
 * syncPaths.pull('products', { checkpoint, limit: 100 }); // '/v1/sync/products/pull?checkpoint=…&limit=100'
 */
export const syncPaths = {
  enroll: '/v1/devices/enroll',
  token: '/v1/devices/token',
  pinKey: '/v1/devices/pin-key',
  state: '/v1/sync/state',
  stream: '/v1/sync/stream',
  health: '/v1/sync/health',
  bill: '/v1/sync/bill',
  fleetReport: '/v1/fleet/report',
  pull: pullPath,
  push: (collection: string): string => `/v1/sync/${collection}/push`,
  snapshot: (collection: string): string => `/v1/sync/${collection}/snapshot`,
} as const;
