import { Hono } from 'hono';
import type { Db } from '../db/db';
import { createHealthRoutes } from '../features/health/health.routes';
import type { AppEnv } from '../http/app-env';
import { createErrorHandler, handleNotFound } from '../http/errors';
import type { HttpMetrics } from '../http/metrics';
import { type MetricsAccess, createMetricsRoutes } from '../http/metrics-access';
import { requestContext } from '../http/request-context';
import { securityHeaders } from '../http/security-headers';
import type { Logger } from 'pino';

/**
 * The HTTP app of a process without the `api` role (boot/roles.ts): /healthz, /readyz and
 * /metrics only, so Kubernetes probes and Prometheus scrape a relay or jobs process like any
 * other, and every API path answers 404 with the error envelope (it is served elsewhere).
 */
export function createProbeApp(deps: {
  readonly db: Db;
  readonly logger: Logger;
  readonly httpMetrics: HttpMetrics;
  readonly metricsAccess: MetricsAccess;
  readonly isDraining: () => boolean;
}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler(deps.logger));
  app.notFound(handleNotFound);
  app.use(securityHeaders({ adminConnectOrigins: [] }));
  app.use(...requestContext(deps.logger));
  app.use(deps.httpMetrics.middleware);
  app.route('/', createHealthRoutes(deps));
  if (!deps.metricsAccess.separateListener) {
    app.route('/', createMetricsRoutes(deps.httpMetrics, deps.metricsAccess));
  }
  return app;
}
