import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { KIRYANA_HEADER_PREFIX } from '@kiryana/shared';

/**
 * Forwards `/sync-proxy/*` to the one sync server this terminal was started for, so a browser
 * renderer reaches it from its own origin (the sync endpoints send no CORS headers; in Electron
 * the main process owns the network anyway). Only that server, only its `/v1/` API, and only the
 * headers the protocol uses pass; responses, including the event stream, are streamed through.
 */

import { SYNC_PROXY_PREFIX, UPSTREAM_UNREACHABLE_ENVELOPE } from '../bridge/sync-transport';

export { SYNC_PROXY_PREFIX };

const FORWARDED_REQUEST_HEADERS = ['authorization', 'content-type', 'accept'] as const;
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'cache-control', 'retry-after'] as const;

/** Handles one proxied request. */
export async function proxySyncRequest(
  syncServerUrl: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = (request.url ?? '').slice(SYNC_PROXY_PREFIX.length);
  if (!path.startsWith('/v1/')) {
    response.writeHead(404).end();
    return;
  }
  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  const aborter = new AbortController();
  response.on('close', () => {
    aborter.abort();
  });
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetch(`${syncServerUrl.replace(/\/+$/, '')}${path}`, {
      method: request.method ?? 'GET',
      headers,
      signal: aborter.signal,
      ...(hasBody ? { body: Readable.toWeb(request), duplex: 'half' } : {}),
    });
  } catch {
    if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
    response.end(JSON.stringify(UPSTREAM_UNREACHABLE_ENVELOPE));
    return;
  }
  const outgoing: Record<string, string> = {};
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value !== null) outgoing[name] = value;
  }
  upstream.headers.forEach((value, name) => {
    if (name.startsWith(KIRYANA_HEADER_PREFIX)) outgoing[name] = value;
  });
  response.writeHead(upstream.status, outgoing);
  if (upstream.body === null) {
    response.end();
    return;
  }
  Readable.fromWeb(upstream.body)
    .on('error', () => response.destroy())
    .pipe(response);
}
