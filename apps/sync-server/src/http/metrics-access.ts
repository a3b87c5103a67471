import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '@kiryana/shared';
import { Hono } from 'hono';
import type { AppEnv } from './app-env';
import { createErrorHandler, handleNotFound } from './errors';
import { createLogger } from './logger';
import type { HttpMetrics } from './metrics';
import { securityHeaders } from './security-headers';

/**
 * Who may read `/metrics` (METRICS_TOKEN) and where (METRICS_HOST/METRICS_PORT). Metrics name
 * routes, volumes and open streams: harmless on a loopback demo, worth closing on a shop's LAN.
 */
export type MetricsAccess = {
  /** A bearer token every scrape must present; unset leaves /metrics open, as in the demo. */
  readonly token?: string;
  /** Serve /metrics only on a listener of its own (server.ts opens it), not on the API port. */
  readonly separateListener?: boolean;
};

/** `GET /metrics` over `metrics`' registry, behind the bearer token when one is configured. */
export function createMetricsRoutes(
  metrics: HttpMetrics,
  access: MetricsAccess = {},
): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const expected = access.token === undefined ? undefined : digest(access.token);
  routes.get('/metrics', async (c) => {
    if (expected) {
      const presented = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
      // Digests of equal length, so the comparison's time says nothing about the token.
      if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
        c.header('WWW-Authenticate', 'Bearer realm="metrics"');
        return c.json(
          new AppError(
            'UNAUTHENTICATED',
            'The metrics need the bearer token METRICS_TOKEN.',
          ).toEnvelope(),
          401,
        );
      }
    }
    c.header('Content-Type', metrics.registry.contentType);
    c.header('Cache-Control', 'no-store');
    return c.body(await metrics.registry.metrics());
  });
  return routes;
}

/** The app of the separate metrics listener: `/metrics` and the envelope for anything else. */
export function createMetricsApp(metrics: HttpMetrics, access: MetricsAccess = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler(createLogger('silent')));
  app.notFound(handleNotFound);
  app.use(securityHeaders({ adminConnectOrigins: [] }));
  app.route('/', createMetricsRoutes(metrics, access));
  return app;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
