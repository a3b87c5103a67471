/**
 * In Electron the renderer's page comes from file://, and the sync server sends no CORS headers,
 * so the renderer reaches it through a privileged custom scheme handled here in the main process:
 * `kiryana-sync://proxy/<encoded server URL>/v1/…` is forwarded to `<server URL>/v1/…` with only
 * the protocol's headers, and the answer (the event stream too) is streamed back.
 */

import {
  CHECKPOINT_RESTART_HEADER,
  KIRYANA_HEADER_PREFIX,
  QUARANTINED_HEADER,
  httpStatusOf,
} from '@kiryana/shared';
import { SYNC_SCHEME, UPSTREAM_UNREACHABLE_ENVELOPE } from '../bridge/sync-transport';

export { SYNC_SCHEME };

const FORWARDED_REQUEST_HEADERS = ['authorization', 'content-type', 'accept'] as const;
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type, accept',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-expose-headers': `${QUARANTINED_HEADER}, ${CHECKPOINT_RESTART_HEADER}, retry-after`,
} as const;

function parseTarget(url: string): string | undefined {
  // /readyz too: a terminal away from its home region probes it there (issue 20).
  const match = /^kiryana-sync:\/\/proxy\/([^/]+)(\/v1\/.*|\/readyz)$/.exec(url);
  if (match === null) return undefined;
  const server = decodeURIComponent(match[1] ?? '');
  return /^https?:\/\/[^/]+$/.test(server) ? `${server}${match[2] ?? ''}` : undefined;
}

/** The fetch the forwarder uses (Electron's `net.fetch` in the app). */
export type ForwardFetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Answers one request of the scheme (passed to Electron's `protocol.handle`).
 * @example
 * protocol.handle(SYNC_SCHEME, (request) => forwardSyncRequest(request, (url, init) => net.fetch(url, init)));
 */
export async function forwardSyncRequest(
  request: Request,
  fetchFn: ForwardFetch,
): Promise<Response> {
  if (request.method === 'OPTIONS')
    return new Response(null, { status: 204, headers: CORS_HEADERS });
  const target = parseTarget(request.url);
  if (target === undefined) return new Response(null, { status: 404, headers: CORS_HEADERS });
  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  let upstream: Response;
  try {
    upstream = await fetchFn(target, {
      method: request.method,
      headers,
      ...(request.method === 'GET' || request.method === 'HEAD'
        ? {}
        : { body: await request.arrayBuffer() }),
      signal: request.signal,
    });
  } catch {
    return Response.json(UPSTREAM_UNREACHABLE_ENVELOPE, {
      status: httpStatusOf('UPSTREAM_UNREACHABLE'),
      headers: CORS_HEADERS,
    });
  }
  const outgoing = new Headers(CORS_HEADERS);
  upstream.headers.forEach((value, name) => {
    if (name === 'content-type' || name === 'retry-after' || name.startsWith(KIRYANA_HEADER_PREFIX))
      outgoing.set(name, value);
  });
  return new Response(upstream.body, { status: upstream.status, headers: outgoing });
}
