import { errorEnvelope } from '@kiryana/shared';

/**
 * How a renderer reaches the sync server, which sends no CORS headers: in a browser through the
 * serve process's same-origin proxy, in Electron through the main process's custom scheme. Both
 * sides of each route share these names.
 */

/** What either proxy answers (502) when the sync server cannot be reached at all. */
export const UPSTREAM_UNREACHABLE_ENVELOPE = errorEnvelope(
  'UPSTREAM_UNREACHABLE',
  'The sync server cannot be reached.',
);

/** Same-origin path prefix of the serve process's proxy. */
export const SYNC_PROXY_PREFIX = '/sync-proxy';

/** The Electron main process's scheme. */
export const SYNC_SCHEME = 'kiryana-sync';

/** The scheme URL the Electron renderer uses for `path` on `serverUrl`. */
export function syncSchemeUrl(serverUrl: string, path: string): string {
  return `${SYNC_SCHEME}://proxy/${encodeURIComponent(serverUrl.replace(/\/+$/, ''))}${path}`;
}

/**
 * A fetch that sends every request for an http(s) server through the Electron scheme: a terminal
 * with several regional endpoints (issue 20) reaches each of them through the main process.
 */
export function schemeRoutingFetch(fetchFn: typeof fetch): typeof fetch {
  return (input, init) => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!/^https?:\/\//.test(href)) return fetchFn(input, init);
    const url = new URL(href);
    return fetchFn(syncSchemeUrl(url.origin, `${url.pathname}${url.search}`), init);
  };
}

/**
 * A fetch that sends requests for `serverUrl` to `route(path)` instead (the path keeps its query).
 * @example
 * const viaProxy = reroutingFetch(fetch, 'http://127.0.0.1:8787', (path) => `/sync-proxy${path}`);
 */
export function reroutingFetch(
  fetchFn: typeof fetch,
  serverUrl: string,
  route: (path: string) => string,
): typeof fetch {
  const base = serverUrl.replace(/\/+$/, '');
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return fetchFn(url.startsWith(`${base}/`) ? route(url.slice(base.length)) : input, init);
  };
}
