import type { HttpBindings } from '@hono/node-server';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';
import { API_REFERENCE_CSP } from './api-reference';

/**
 * The hardening headers of every answer (API, pages, errors), set in this one place after the
 * route has answered; a header a route chose itself (the sign-in page's CSP, the admin assets'
 * long cache) is kept.
 *
 * - `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer` everywhere.
 * - A CSP per kind of answer: the API reference page allows its own stylesheet only; the admin
 *   web's pages their own scripts, styles and the calls to this server and the issuer; anything
 *   else (JSON, CSV, errors, metrics) nothing at all, so an answer opened as a page runs nothing.
 *
 * `Cache-Control`, `Vary` and ETags are http/http-caching.ts's (no-store on the API, identity and
 * errors). Answers the OpenID provider writes itself keep its own Cache-Control (no-store on
 * tokens, as RFC 6749 §5.1 requires) and get the first two headers only.
 */
export function securityHeaders(options: {
  /** Origins the admin web calls besides its own (an external OpenID issuer). */
  readonly adminConnectOrigins: readonly string[];
}): MiddlewareHandler<AppEnv> {
  const others = options.adminConnectOrigins.join(' ');
  const adminCsp = [
    "default-src 'self'",
    `connect-src 'self' ${others}`.trim(),
    `frame-src ${others || "'none'"}`,
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return async (c, next) => {
    // The OpenID provider writes its answers straight to Node's response, never through `c.res`:
    // the two headers every answer carries go on that response first (an answer that does pass
    // through Hono sets them again, and Node lets the later value win, so nothing is doubled).
    const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
    if (outgoing && !outgoing.headersSent) {
      outgoing.setHeader('X-Content-Type-Options', 'nosniff');
      outgoing.setHeader('Referrer-Policy', 'no-referrer');
    }
    await next();
    const path = c.req.path;
    const defaults: [string, string][] = [
      ['X-Content-Type-Options', 'nosniff'],
      ['Referrer-Policy', 'no-referrer'],
      [
        'Content-Security-Policy',
        path === '/docs'
          ? API_REFERENCE_CSP
          : path === '/admin' || path.startsWith('/admin/')
            ? adminCsp
            : "default-src 'none'; frame-ancestors 'none'",
      ],
    ];
    const missing = defaults.filter(([name]) => !c.res.headers.has(name));
    if (missing.length === 0) return;
    try {
      for (const [name, value] of missing) c.res.headers.set(name, value);
    } catch {
      // Immutable headers (a Response made by fetch or Response.redirect): copy it once.
      const copy = new Response(c.res.body, c.res);
      for (const [name, value] of missing) copy.headers.set(name, value);
      c.res = copy;
    }
  };
}
