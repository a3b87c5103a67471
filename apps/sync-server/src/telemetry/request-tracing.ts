import type { MiddlewareHandler } from 'hono';

/**
 * Where register.ts leaves the request-tracing middleware (@hono/otel) for app.ts. They are two
 * bundles (dist/telemetry.mjs, dist/server.mjs), so a module variable would not be shared; a
 * registered symbol on the global object is. The middleware is made only when tracing starts, so
 * an untraced server never loads @hono/otel (and its ~40 ms of semantic conventions).
 */
const REQUEST_TRACING = Symbol.for('kiryana.telemetry.request-tracing');

type Slot = { [REQUEST_TRACING]?: MiddlewareHandler };

/** Called by start-tracing.ts once the SDK runs. */
export function provideRequestTracing(middleware: MiddlewareHandler): void {
  (globalThis as Slot)[REQUEST_TRACING] = middleware;
}

/** The middleware making a span per request, when tracing runs in this process. */
export function requestTracing(): MiddlewareHandler | undefined {
  return (globalThis as Slot)[REQUEST_TRACING];
}
