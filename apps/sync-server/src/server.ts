import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import type { Clock } from '@kiryana/shared';
import type { LiveHub } from './http/app-env';
import { createApp } from './app';
import { deriveDeviceTokenKey, deriveOperatorToken } from './auth/device-token';
import { createDeviceTokenVerifier } from './features/devices/device-verifier';
import { resolveDeviceTokenSecret } from './auth/token-secret';
import { printBanner } from './boot/banner';
import { openDatabase } from './boot/open-database';
import { assertPgliteFree, recordPgliteOwner } from './boot/pglite-owner';
import { migrate } from './db/migrate';
import { type Env, loadEnv } from './env';
import { createEnrolmentCode } from './features/devices/device.service';
import { registerRelayMetrics } from './features/events/relay-metrics';
import { startEvents } from './features/events/start-events';
import { startStockConsumers } from './features/notifications/stock-consumers';
import { startWebhooks } from './features/webhooks/start-webhooks';
import {
  allowPrivateWebhookTargets,
  webhookDispatcherProcessUrl,
} from './features/webhooks/webhooks-env';
import { DEMO_STORE_CODE, seedDemoIfEmpty } from './features/seed/seed.service';
import { startIdentity } from './features/identity/start-identity';
import { startDemoIdentity } from './features/seed/demo-users';
import { createLogger } from './http/logger';
import { createHttpMetrics } from './http/metrics';
import { createMetricsApp } from './http/metrics-access';
import { serveTransport, withHsts } from './http/tls';
import { createLiveHub } from './live/live-hub';

/** How long open requests and event streams get to finish after SIGINT/SIGTERM. */
const SHUTDOWN_GRACE_MS = 3_000;

/**
 * Starts the sync server: configuration, database (Postgres or embedded PGlite), migrations, demo
 * data on an empty database, then HTTP. Returns a function that shuts everything down in order.
 */
export async function startServer(env: Env): Promise<{ url: string; stop: () => Promise<void> }> {
  const logger = createLogger(env.LOG_LEVEL);
  const clock: Clock = { now: () => Date.now() };
  if (!env.DATABASE_URL) await assertPgliteFree(env.DATA_DIR);
  const { db, location } = await openDatabase(env);
  let release = async () => {};
  if (location.kind === 'pglite') release = await recordPgliteOwner(env.DATA_DIR, 'starting');

  const applied = await migrate(db);
  logger.info({ database: location, applied }, 'migrations applied');
  if (env.SEED_DEMO) {
    const seeded = await seedDemoIfEmpty({ db, clock });
    if (seeded) logger.info(seeded, 'demo data seeded');
  }
  const { secret, source } = await resolveDeviceTokenSecret(env.DEVICE_TOKEN_SECRET, env.DATA_DIR);
  if (source === 'generated') {
    logger.warn(
      { dataDir: env.DATA_DIR },
      'DEVICE_TOKEN_SECRET not set: generated one into the data folder',
    );
  } else if (source === 'file') {
    logger.info(
      { dataDir: env.DATA_DIR },
      'DEVICE_TOKEN_SECRET not set: using the one in the data folder',
    );
  }
  const key = deriveDeviceTokenKey(secret);
  const live: LiveHub = await createLiveHub(db, {
    onError: (error) => {
      logger.error({ err: error }, 'live hub subscriber failed');
    },
  });
  // The outbox relay and its bus (docs/events.md): in-process unless NATS_URL is set.
  const events = await startEvents(
    { db, logger },
    {
      databaseUrl: env.DATABASE_URL,
      natsUrl: env.NATS_URL,
      outboxRetentionDays: env.OUTBOX_RETENTION_DAYS,
    },
  );
  // Live stock and low-stock alerts for the admin web (docs/events.md, consumers of the bus).
  const stopStockConsumers = await startStockConsumers({ db, live }, events.bus);
  // Webhooks for HQ (docs/webhooks.md): the bus consumer recording deliveries and the dispatcher.
  const allowPrivateTargets = allowPrivateWebhookTargets(env);
  const webhooks = await startWebhooks(
    { db, clock, logger, bus: events.bus },
    { refusePrivateTargets: !allowPrivateTargets, processOn: webhookDispatcherProcessUrl(env) },
  );
  const verifyDeviceToken = createDeviceTokenVerifier({ db, clock, key });
  const identity = await startIdentity({ db, clock, logger, secret, verifyDeviceToken, env });
  const demoCredentials =
    env.SEED_DEMO && !env.OIDC_ISSUER
      ? await startDemoIdentity({
          db,
          clock,
          logger,
          clientSecret: (clientId) => identity.clientSecret(clientId),
        })
      : undefined;
  const httpMetrics = createHttpMetrics();
  registerRelayMetrics(httpMetrics, { db, relay: events.relay });
  const metricsAccess = {
    token: env.METRICS_TOKEN,
    separateListener: env.METRICS_PORT !== undefined,
  };
  const app = createApp({
    httpMetrics,
    metricsAccess,
    db,
    clock,
    logger,
    live,
    verifyDeviceToken,
    deviceTokens: { key, ttlSec: env.ACCESS_TOKEN_TTL },
    operatorToken: deriveOperatorToken(secret),
    maxBodyBytes: env.MAX_BODY_BYTES,
    heartbeatMs: env.HEARTBEAT_MS,
    identity,
    webhooks: { allowPrivateTargets, onDue: webhooks.wake },
  });

  const transport = await serveTransport(env);
  const server = serve({
    fetch: withHsts(app.fetch, {
      tls: transport.protocol === 'https',
      trustProxy: env.TRUST_PROXY,
      maxAgeSec: env.HSTS_MAX_AGE,
    }),
    port: env.PORT,
    hostname: env.HOST,
    ...(transport.protocol === 'https'
      ? { createServer: transport.createServer, serverOptions: transport.serverOptions }
      : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  // Scrapers reach /metrics on a listener of its own when METRICS_PORT says so (plain HTTP: it
  // is meant for loopback or a monitoring network, not for terminals).
  const metricsServer =
    env.METRICS_PORT === undefined
      ? undefined
      : serve({
          fetch: createMetricsApp(httpMetrics, metricsAccess).fetch,
          port: env.METRICS_PORT,
          hostname: env.METRICS_HOST,
        });
  if (metricsServer) {
    await new Promise<void>((resolve, reject) => {
      metricsServer.once('listening', resolve);
      metricsServer.once('error', reject);
    });
    const bound = metricsServer.address();
    logger.info(
      {
        host: env.METRICS_HOST,
        port: typeof bound === 'object' && bound ? bound.port : env.METRICS_PORT,
      },
      'metrics listening',
    );
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  const url = `${transport.protocol}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (location.kind === 'pglite') release = await recordPgliteOwner(env.DATA_DIR, url);

  const enrolment = env.SEED_DEMO
    ? await createEnrolmentCode({ db, clock }, DEMO_STORE_CODE).catch(() => undefined)
    : undefined;
  // The code and the demo credentials are secrets: the banner shows them, the JSON log never.
  logger.info(
    { url, database: location, demoEnrolmentStore: enrolment?.storeCode },
    'sync server listening',
  );
  printBanner({ url, location, enrolment, demo: demoCredentials });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('shutting down');
      const closed = new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      // Event streams never end by themselves: give requests a moment, then cut what is left.
      const force = setTimeout(() => {
        if ('closeAllConnections' in server) server.closeAllConnections();
      }, SHUTDOWN_GRACE_MS);
      if ('closeIdleConnections' in server) server.closeIdleConnections();
      await closed;
      clearTimeout(force);
      if (metricsServer) {
        await new Promise<void>((resolve) => {
          metricsServer.close(() => {
            resolve();
          });
        });
      }
      await webhooks.stop();
      await stopStockConsumers();
      await events.stop();
      await live.close();
      await db.close();
      await release();
      logger.info('stopped');
    })());
  return { url, stop };
}

async function main(): Promise<void> {
  const env = loadEnv();
  const { stop } = await startServer(env);
  // `on`, not `once`: a second Ctrl+C (or the signal relayed by scripts/start.mjs) while stopping
  // must not fall through to Node's default and kill the process before the database is closed.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`shutdown failed: ${String(error)}\n`);
          process.exit(1);
        },
      );
    });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `sync server failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
