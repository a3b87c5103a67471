import type { HttpBindings } from '@hono/node-server';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';
import { defaultCacheControl, isIdentityPath, variesByAuthorization } from './cache-policy';
import { hasEntityTag, ifNoneMatchHits, strongEntityTag } from './etag';

/**
 * Headers a 304 leaves out: they describe a body it does not carry (RFC 9110 §15.4.5); the
 * client keeps those of the copy it holds. Everything else (ETag, Cache-Control, Vary, the sync
 * protocol's `x-kiryana-…`, request id) goes out as on the 200.
 */
const BODY_HEADERS = [
  'content-type',
  'content-length',
  'content-disposition',
  'content-encoding',
  'content-language',
  'transfer-encoding',
];

/**
 * HTTP caching of every answer, in one place after the route has answered:
 *
 * 1. `Cache-Control` from {@link defaultCacheControl} unless the route chose one;
 * 2. `Vary: Authorization` on answers that depend on who asks;
 * 3. on a 200 to GET or HEAD with a JSON, CSV or HTML body, a strong ETag of its exact bytes, and
 *    304 without a body when `If-None-Match` names it. That holds for `no-store` answers too: a
 *    client that kept the body itself (an HQ tool, a script polling an export) may ask "changed?"
 *    without any cache storing personal data. Event streams are never read here (not hashed),
 *    so they are neither buffered nor delayed.
 *
 * HEAD is dispatched by Hono as GET and its body dropped afterwards, so it gets the same ETag.
 */
export function httpCaching(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const path = c.req.path;
    // The OpenID provider writes its answers straight to Node's response, never through `c.res`:
    // its paths get the default there first (no-store; public for discovery and keys), and the
    // provider's own (no-store on tokens and sign-in pages) replaces it.
    const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
    if (outgoing && !outgoing.headersSent && isIdentityPath(path)) {
      outgoing.setHeader('Cache-Control', defaultCacheControl(path, 200));
    }
    await next();
    const res = c.res;
    if (res.headers.has('x-hono-already-sent')) return;
    const set: [string, string][] = [];
    if (!res.headers.has('cache-control')) {
      set.push(['Cache-Control', defaultCacheControl(path, res.status)]);
    }
    if (variesByAuthorization(path, c.req.header('authorization') !== undefined)) {
      const vary = res.headers.get('vary');
      if (!vary?.split(',').some((v) => /^\s*(authorization|\*)\s*$/i.test(v))) {
        set.push(['Vary', vary ? `${vary}, Authorization` : 'Authorization']);
      }
    }
    const method = c.req.method;
    const hashable =
      (method === 'GET' || method === 'HEAD') &&
      res.status === 200 &&
      hasEntityTag(res.headers.get('content-type') ?? '');
    if (!hashable) {
      if (set.length > 0) setHeaders(c, set);
      return;
    }
    // Read once and answered from the bytes: `clone()` or `.body` would turn @hono/node-server's
    // lightweight Response into a stream, losing its direct write of a string or buffer.
    const bytes = new Uint8Array(await res.arrayBuffer());
    let etag = res.headers.get('etag');
    if (etag === null) {
      etag = strongEntityTag(res.headers, bytes);
      set.push(['ETag', etag]);
    }
    const headers = new Headers(res.headers);
    for (const [name, value] of set) headers.set(name, value);
    const notModified = ifNoneMatchHits(c.req.header('if-none-match'), etag);
    if (notModified) for (const name of BODY_HEADERS) headers.delete(name);
    // Cleared first: Hono's setter would otherwise copy the old answer's headers onto the new one
    // (Content-Length onto a 304).
    c.res = undefined;
    c.res = notModified
      ? new Response(null, { status: 304, headers })
      : new Response(bytes, { status: res.status, headers });
  };
}

/** Sets headers on the answer, copying it once when its headers are immutable (made by fetch). */
function setHeaders(c: { res: Response }, headers: readonly [string, string][]): void {
  try {
    for (const [name, value] of headers) c.res.headers.set(name, value);
  } catch {
    const copy = new Response(c.res.body, c.res);
    for (const [name, value] of headers) copy.headers.set(name, value);
    c.res = copy;
  }
}
