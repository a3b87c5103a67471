import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';
import { defaultCacheControl, variesByAuthorization } from './cache-policy';
import { ifNoneMatchHits, strongEntityTag } from './etag';

/** Answers whose bytes are hashed for an ETag: whole documents, never streams. */
const HASHED_TYPES = /^(application\/(.+\+)?json|text\/csv|text\/html)\b/i;

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
    await next();
    const path = c.req.path;
    const res = c.res;
    // The OpenID provider answers straight on Node's response: nothing here reaches the client.
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
      res.body !== null &&
      HASHED_TYPES.test(res.headers.get('content-type') ?? '');
    let etag = res.headers.get('etag');
    if (hashable && etag === null) {
      etag = strongEntityTag(res.headers, new Uint8Array(await res.clone().arrayBuffer()));
      set.push(['ETag', etag]);
    }
    const notModified =
      hashable && etag !== null && ifNoneMatchHits(c.req.header('if-none-match'), etag);
    if (!notModified) {
      if (set.length > 0) setHeaders(c, set);
      return;
    }
    const headers = new Headers(res.headers);
    for (const [name, value] of set) headers.set(name, value);
    for (const name of BODY_HEADERS) headers.delete(name);
    await res.body.cancel();
    // Cleared first: Hono's setter would otherwise copy the 200's headers (Content-Length among
    // them) onto the 304.
    c.res = undefined;
    c.res = new Response(null, { status: 304, headers });
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
