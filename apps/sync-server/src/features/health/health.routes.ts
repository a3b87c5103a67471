import { AppError } from '@kiryana/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../../http/app-env';
import type { ApiOperation } from '../../http/openapi';
import { checkReadiness } from './health.service';

const livenessSchema = z.object({ status: z.literal('ok') });
const readinessSchema = z.object({
  status: z.literal('ready'),
  database: z.literal('up'),
  pendingMigrations: z.array(z.string()).max(0),
});

/**
 * Liveness and readiness probes (Kubernetes-style: /healthz restarts, /readyz routes traffic).
 * `isDraining` true (after SIGTERM, boot/drain.ts) makes /readyz answer 503 `reason: draining`
 * while requests are still served, so the gateway sends new ones elsewhere before the listener
 * closes; /healthz stays 200, as the process is not broken.
 */
export function createHealthRoutes(
  deps: Pick<AppDeps, 'db'> & { readonly isDraining?: () => boolean },
): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/healthz', (c) => c.json({ status: 'ok' as const }));
  routes.get('/readyz', async (c) => {
    if (deps.isDraining?.()) {
      throw new AppError('UNAVAILABLE', 'Draining: this process is shutting down.', {
        reason: 'draining',
      });
    }
    const readiness = await checkReadiness(deps.db);
    if (!readiness.ready) {
      throw new AppError('UNAVAILABLE', 'Not ready.', {
        database: readiness.database,
        pendingMigrations: readiness.pendingMigrations,
      });
    }
    return c.json({ status: 'ready' as const, database: 'up' as const, pendingMigrations: [] });
  });
  return routes;
}

/** OpenAPI description of the probes. */
export const healthOperations: readonly ApiOperation[] = [
  {
    method: 'get',
    path: '/healthz',
    operationId: 'getHealth',
    tag: 'Operations',
    summary: 'Liveness: the process is up.',
    auth: 'none',
    responses: { 200: { description: 'The process answers.', schema: livenessSchema } },
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'getReadiness',
    tag: 'Operations',
    summary: 'Readiness: the database answers and every migration is applied.',
    auth: 'none',
    responses: { 200: { description: 'Ready for traffic.', schema: readinessSchema } },
    errors: [503],
  },
];
