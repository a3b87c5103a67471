import { AppError, errorEnvelope } from '@kiryana/shared';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { methodNotAllowed } from 'hono/method-not-allowed';
import type { AppDeps, AppEnv } from './http/app-env';
import { requireDevice } from './http/require-device';
import { createDeviceRoutes, deviceOperations } from './features/devices/device.routes';
import type { DeviceTokenConfig } from './features/devices/device.service';
import { createAdminApi } from './features/admin-api/admin-api';
import { ADMIN_TAG, adminOperations } from './features/admin-api/admin-operations';
import { serveAdminWeb } from './features/admin-host/admin-static';
import { createOperatorRoutes, operatorOperations } from './features/devices/operator.routes';
import { createHealthRoutes, healthOperations } from './features/health/health.routes';
import { type Identity, OIDC_BASE_PATH } from './features/identity/identity';
import {
  createDeviceSyncHealthRoutes,
  createStoreSyncHealthRoutes,
  deviceSyncHealthOperations,
  storeSyncHealthOperations,
} from './features/sync-health/sync-health.routes';
import { pushLagRecorder } from './features/sync/push-lag';
import { createSyncRoutes } from './features/sync/sync.routes';
import { renderApiReference } from './http/api-reference';
import { createErrorHandler, handleNotFound } from './http/errors';
import { type HttpMetrics, countingLiveHub, createHttpMetrics } from './http/metrics';
import { type MetricsAccess, createMetricsRoutes } from './http/metrics-access';
import { syncOperations } from './features/sync/sync-operations';
import { type ApiOperation, buildOpenApiDocument } from './http/openapi';
import { eventWebhooks } from './http/openapi-webhooks';
import { requestContext } from './http/request-context';
import { securityHeaders } from './http/security-headers';
import { requestTracing } from './telemetry/request-tracing';
import { httpCaching } from './http/http-caching';
import {
  WEBHOOKS_TAG,
  createWebhookRoutes,
  webhookOperations,
} from './features/webhooks/webhooks.routes';
import { refuseIllFormedUrl } from './http/url-text';

const API_TAGS = [
  {
    name: 'Devices',
    description: 'Enrolment of store terminals and their short-lived access tokens.',
  },
  {
    name: 'Sync',
    description: 'Replication of terminals (RxDB): pull, push, stream of hints, state.',
  },
  {
    name: 'Operator',
    description: 'What `pnpm cli` does, for a server that holds embedded PGlite.',
  },
  { name: 'Operations', description: 'Probes, metrics and this reference.' },
];

/**
 * AppDeps plus what only this shell needs: the key and lifetime of device access tokens, and the
 * operator token of the CLI. Without them those endpoints answer UNAVAILABLE / UNAUTHENTICATED.
 */
export type ServerDeps = AppDeps & {
  readonly deviceTokens?: DeviceTokenConfig;
  readonly operatorToken?: string;
  /** True while the process drains before shutting down: /readyz answers 503 (boot/drain.ts). */
  readonly isDraining?: () => boolean;
  /** The admin web's build folder served under /admin (default: apps/admin-web/dist). */
  readonly adminWebDir?: string;
  /** SYNC_ENDPOINTS: what enrolment hands a terminal whose region has no endpoint list. */
  readonly syncEndpoints?: readonly string[];
  /** The metrics registry, when server.ts also serves it on a listener of its own. */
  readonly httpMetrics?: HttpMetrics;
  /** Who may read /metrics and whether this app serves it at all. */
  readonly metricsAccess?: MetricsAccess;
  /**
   * Webhooks API settings (features/webhooks): whether subscriptions may target private
   * addresses (default yes: dev and tests), and how a replay wakes the dispatcher.
   */
  readonly webhooks?: { readonly allowPrivateTargets: boolean; readonly onDue?: () => void };
};

/**
 * The HTTP application: middleware, routes and the one error handler. Never listens, so tests call
 * `app.request()` against real databases and `server.ts` owns the socket.
 */
export function createApp(
  deps: ServerDeps & {
    /** Identity routes and, so /openapi.json covers them, their OpenAPI operations. */
    readonly identity?: Pick<
      Identity,
      'routes' | 'verifyAccessToken' | 'issuer' | 'adminClient'
    > & {
      readonly operations?: readonly ApiOperation[];
    };
  },
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const metrics = deps.httpMetrics ?? createHttpMetrics();
  app.onError(createErrorHandler(deps.logger));
  app.notFound(handleNotFound);
  // A span per request when register.ts started tracing (docs/operations.md#tracing-and-alerts),
  // outermost so the request log line and every query run inside it carry its trace.
  const tracing = requestTracing();
  if (tracing) app.use(tracing);
  app.use(securityHeaders({ adminConnectOrigins: externalOrigins(deps.identity?.issuer) }));
  app.use(...requestContext(deps.logger));
  app.use(metrics.middleware);
  // Inside metrics and the request log, so both see a 304 as the 304 it became.
  app.use(httpCaching());
  app.use(refuseIllFormedUrl());
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        c.json(
          errorEnvelope('METHOD_NOT_ALLOWED', `${c.req.method} is not allowed here.`, {
            allow: methods,
          }),
          405,
          { Allow: methods.join(', ') },
        ),
    }),
  );
  const tooLarge = () => {
    throw new AppError('PAYLOAD_TOO_LARGE', `The body exceeds ${deps.maxBodyBytes} bytes.`, {
      maxBytes: deps.maxBodyBytes,
    });
  };
  const limitBody = bodyLimit({ maxSize: deps.maxBodyBytes, onError: tooLarge });
  // The OpenID provider reads the raw Node request itself. Touching `c.req.raw.body` here would
  // start draining the socket into a web stream it never sees: once a database round trip (the
  // token endpoint's rate limit) lets the socket flow, the provider finds the body gone. So its
  // paths get the declared length checked only.
  app.use((c, next) => {
    if (!c.req.path.startsWith(`${OIDC_BASE_PATH}/`)) return limitBody(c, next);
    if (Number(c.req.header('content-length') ?? 0) > deps.maxBodyBytes) tooLarge();
    return next();
  });

  app.route('/', createHealthRoutes(deps));
  if (!deps.metricsAccess?.separateListener) {
    app.route('/', createMetricsRoutes(metrics, deps.metricsAccess));
  }

  app.route('/v1/devices', createDeviceRoutes({ ...deps, tokens: deps.deviceTokens }));
  // Identity and access (features/identity): sign-in, people and roles, scoped reads, audit, PINs.
  if (deps.identity) app.route('/', deps.identity.routes);
  // The admin web (features/admin-api and friends) and its build under /admin.
  if (deps.identity) app.route('/', createAdminApi({ ...deps, identity: deps.identity }));
  app.use('/admin', serveAdminWeb(deps.adminWebDir));
  app.use('/admin/*', serveAdminWeb(deps.adminWebDir));
  app.route('/v1/operator', createOperatorRoutes({ ...deps, operatorToken: deps.operatorToken }));
  app.use('/v1/sync/*', requireDevice(deps.verifyDeviceToken));
  // Streams are counted where they subscribe to hints: one subscription per open stream.
  const live = countingLiveHub(deps.live, metrics);
  app.route(
    '/v1/sync',
    createSyncRoutes({ ...deps, live, onPushed: pushLagRecorder(metrics, deps.clock) }),
  );
  // Sync health (features/sync-health): a device's own store, and any store for managers.
  app.route('/v1/sync', createDeviceSyncHealthRoutes(deps));
  if (deps.identity) {
    const { verifyAccessToken } = deps.identity;
    app.route('/v1/fleet', createStoreSyncHealthRoutes({ ...deps, verifyAccessToken }));
    // Webhook subscriptions of HQ integrations (features/webhooks, docs/webhooks.md).
    app.route(
      '/',
      createWebhookRoutes({
        db: deps.db,
        clock: deps.clock,
        verifyAccessToken,
        allowPrivateTargets: deps.webhooks?.allowPrivateTargets ?? true,
        onDue: deps.webhooks?.onDue,
      }),
    );
  }

  let openApi: Record<string, unknown> | undefined;
  const openApiDocument = () => (openApi ??= serverOpenApiDocument(deps));
  app.get('/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/docs', (c) => c.html(renderApiReference(openApiDocument())));
  return app;
}

/**
 * The OpenAPI document `/openapi.json` serves, built without a database or a socket, so
 * `openapi-cli.ts` prints the same document for the generated client (`@kiryana/hq-client`).
 * With identity it covers the HQ API and the events a webhook subscription receives.
 */
export function serverOpenApiDocument(deps: {
  readonly identity?: { readonly operations?: readonly ApiOperation[] } | undefined;
}): Record<string, unknown> {
  const operations: ApiOperation[] = [
    ...deviceOperations,
    ...syncOperations(),
    ...deviceSyncHealthOperations,
    ...(deps.identity ? storeSyncHealthOperations : []),
    ...operatorOperations,
    ...(deps.identity?.operations ?? []),
    ...(deps.identity ? adminOperations : []),
    ...(deps.identity ? webhookOperations : []),
    ...healthOperations,
    ...operationsOperations,
  ];
  return buildOpenApiDocument({
    title: 'Kiryana sync server',
    version: '1',
    description:
      'Replication for store terminals, device enrolment, and operations endpoints. Amounts are integer minor units (paise), quantities integer base units (pieces, g, ml).',
    tags: deps.identity ? [...API_TAGS, ADMIN_TAG, WEBHOOKS_TAG] : API_TAGS,
    operations,
    ...(deps.identity ? { webhooks: eventWebhooks() } : {}),
  });
}

/** The issuer's origin, which the admin web calls to sign in and refresh (repeats 'self' when embedded). */
function externalOrigins(issuer: string | undefined): string[] {
  if (!issuer) return [];
  try {
    return [new URL(issuer).origin];
  } catch {
    return [];
  }
}

const operationsOperations: readonly ApiOperation[] = [
  {
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    tag: 'Operations',
    summary:
      'Prometheus metrics (text exposition format). With METRICS_TOKEN set, send it as a bearer token; with METRICS_PORT set, served only on that listener.',
    auth: 'none',
    responses: { 200: { description: 'Metrics.', contentType: 'text/plain; version=0.0.4' } },
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApi',
    tag: 'Operations',
    summary: 'This API as an OpenAPI 3.1 document.',
    auth: 'none',
    responses: { 200: { description: 'The OpenAPI document.' } },
  },
  {
    method: 'get',
    path: '/docs',
    operationId: 'getApiReference',
    tag: 'Operations',
    summary: 'This API reference as an HTML page.',
    auth: 'none',
    responses: { 200: { description: 'HTML.', contentType: 'text/html' } },
  },
];
