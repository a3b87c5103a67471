import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import type { Clock } from '@kiryana/shared';
import type { Hono } from 'hono';
import type { AppEnv, LiveHub } from './http/app-env';
import { createApp } from './app';
import { deriveDeviceTokenKey, deriveOperatorToken } from './auth/device-token';
import { createDeviceTokenVerifier } from './features/devices/device-verifier';
import { resolveDeviceTokenSecret } from './auth/token-secret';
import { startPgliteBackups } from './backup/pglite-schedule';
import { openEpochIfRestored } from './backup/restore-epoch';
import { registerRestoreMetrics } from './backup/restore-metrics';
import { type Background, startBackground } from './boot/background';
import { printBanner } from './boot/banner';
import { createDrainState, trackEventStreams } from './boot/drain';
import { openDatabase } from './boot/open-database';
import { assertPgliteFree, recordPgliteOwner } from './boot/pglite-owner';
import { createProbeApp } from './boot/probe-app';
import { rolesFromArgs } from './boot/roles';
import { migrate } from './db/migrate';
import { type Env, loadEnv } from './env';
import { createEnrolmentCode } from './features/devices/device.service';
import type { OutboxRelay } from './features/events/outbox-relay';
import { registerRelayMetrics } from './features/events/relay-metrics';
import type { RetentionJob } from './features/retention/retention-job';
import { registerRetentionMetrics } from './features/retention/retention-metrics';
import { registerFleetMetrics } from './features/sync-health/fleet-metrics';
import { registerReplicationMetrics } from './features/health/replication-metrics';
import { allowPrivateWebhookTargets } from './features/webhooks/webhooks-env';
import { DEMO_STORE_CODE, seedDemoIfEmpty } from './features/seed/seed.service';
import { startIdentity } from './features/identity/start-identity';
import { startDemoIdentity } from './features/seed/demo-users';
import { createLogger } from './http/logger';
import { createHttpMetrics } from './http/metrics';
import { createMetricsApp } from './http/metrics-access';
import { serveTransport, withHsts } from './http/tls';
import { createLiveHub } from './live/live-hub';
import { flushTraces } from './telemetry/active-trace';

/** How long open requests and event streams get to finish after SIGINT/SIGTERM. */
const SHUTDOWN_GRACE_MS = 3_000;

/**
 * Starts the sync server: configuration, database (Postgres or embedded PGlite), migrations, demo
 * data on an empty database, then HTTP. Returns a function that shuts everything down in order.
 */
export async function startServer(env: Env): Promise<{ url: string; stop: () => Promise<void> }> {
  const logger = createLogger(env.LOG_LEVEL);
  const clock: Clock = { now: () => Date.now() };
  // The embedded OpenID provider's module is the heaviest to load (about a third of a compiled
  // start): begin now, so its files are read while the database connects and migrations are
  // checked; identity.ts's own import() then finds it loaded. Only where identity will need it.
  if (env.ROLES.includes('api') && !env.OIDC_ISSUER) {
    import('./features/identity/oidc-provider').catch(() => undefined);
  }
  if (!env.DATABASE_URL) await assertPgliteFree(env.DATA_DIR);
  const { db, location } = await openDatabase(env);
  let release = async () => {};
  if (location.kind === 'pglite') release = await recordPgliteOwner(env.DATA_DIR, 'starting');

  const applied = await migrate(db);
  logger.info({ database: location, applied }, 'migrations applied');
  // `pnpm cli restore` left a restore id in the cluster's configuration: the first process to
  // start on the restored database opens a new sync epoch, so terminals re-pull and re-push.
  const restored = await openEpochIfRestored(db);
  if (restored) logger.warn(restored, 'database restored: new sync epoch for every scope');
  const stopPgliteBackups =
    location.kind === 'pglite' && env.BACKUP_PGLITE_EVERY
      ? startPgliteBackups(db, {
          dir: env.BACKUP_DIR ?? join(env.DATA_DIR, 'backups'),
          everyMs: env.BACKUP_PGLITE_EVERY,
          keep: env.BACKUP_RETENTION_FULL,
          logger,
        })
      : () => Promise.resolve();
  // Demo data once, by the process that serves people; a relay or jobs process never seeds.
  if (env.SEED_DEMO && env.ROLES.includes('api')) {
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
  const api = env.ROLES.includes('api');
  // Event streams (api) and the stock consumers (relay) both reach the admin web through the hub.
  const live: LiveHub | undefined =
    api || env.ROLES.includes('relay')
      ? await createLiveHub(db, {
          onError: (error) => {
            logger.error({ err: error }, 'live hub subscriber failed');
          },
        })
      : undefined;
  const httpMetrics = createHttpMetrics();
  // The relay starts after the listener (below); its metrics are there from the first scrape on,
  // reading as a relay that has not led yet until then.
  const started: { relay?: OutboxRelay | undefined; retention?: RetentionJob | undefined } = {};
  if (env.ROLES.includes('relay')) {
    registerRelayMetrics(httpMetrics, {
      db,
      relay: { stats: () => started.relay?.stats() ?? { leading: false, published: 0, pruned: 0 } },
    });
  }
  if (env.ROLES.includes('jobs')) {
    registerRetentionMetrics(httpMetrics, {
      retention: {
        stats: () => started.retention?.stats() ?? { webhookDeliveries: 0, notifications: 0 },
      },
    });
  }
  // Bound once the background work runs (below): until then a change has no dispatcher to wake.
  let wakeWebhooks = () => {};
  // Fleet sync health and replication, read from the database by every process (alert on max).
  registerFleetMetrics(httpMetrics, { db });
  registerReplicationMetrics(httpMetrics, { db });
  registerRestoreMetrics(httpMetrics, { db });
  const metricsAccess = {
    token: env.METRICS_TOKEN,
    separateListener: env.METRICS_PORT !== undefined,
  };
  const drain = createDrainState();
  let demoCredentials: Parameters<typeof printBanner>[0]['demo'];
  let app: Hono<AppEnv>;
  if (api && live) {
    const verifyDeviceToken = createDeviceTokenVerifier({ db, clock, key });
    const identity = await startIdentity({ db, clock, logger, secret, verifyDeviceToken, env });
    demoCredentials =
      env.SEED_DEMO && !env.OIDC_ISSUER
        ? await startDemoIdentity({
            db,
            clock,
            logger,
            clientSecret: (clientId) => identity.clientSecret(clientId),
          })
        : undefined;
    app = createApp({
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
      webhooks: {
        allowPrivateTargets: allowPrivateWebhookTargets(env),
        onDue: () => {
          wakeWebhooks();
        },
      },
      isDraining: drain.isDraining,
      ...(env.ADMIN_DIST === undefined ? {} : { adminWebDir: env.ADMIN_DIST }),
      ...(env.SYNC_ENDPOINTS === undefined ? {} : { syncEndpoints: env.SYNC_ENDPOINTS }),
    });
  } else {
    app = createProbeApp({ db, logger, httpMetrics, metricsAccess, isDraining: drain.isDraining });
  }

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
  // Before 'listening': no request may slip past the tracking.
  const streams = trackEventStreams(server);
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
  // The background work (relay, bus consumers, dispatcher; boot/background.ts) starts once HTTP
  // answers: a process replacing a dead one takes requests sooner, and the modules only these
  // need load after /readyz already says 200. Pushes meanwhile wait in the outbox, as always.
  let background: Background;
  try {
    background = await startBackground({ db, clock, logger, live }, env, env.ROLES);
  } catch (error) {
    server.close();
    metricsServer?.close();
    await live?.close();
    await db.close();
    await release();
    throw error;
  }
  wakeWebhooks = background.wakeWebhooks;
  started.relay = background.relay;
  started.retention = background.retention;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  const url = `${transport.protocol}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (location.kind === 'pglite') release = await recordPgliteOwner(env.DATA_DIR, url);

  const enrolment =
    env.SEED_DEMO && api
      ? await createEnrolmentCode({ db, clock }, DEMO_STORE_CODE).catch(() => undefined)
      : undefined;
  // The code and the demo credentials are secrets: the banner shows them, the JSON log never.
  logger.info(
    { url, database: location, roles: env.ROLES, demoEnrolmentStore: enrolment?.storeCode },
    'sync server listening',
  );
  printBanner({ url, location, enrolment, demo: demoCredentials, roles: env.ROLES });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Draining (boot/drain.ts): /readyz says 503 while requests are still served, so the
      // gateway stops routing here before anything is refused.
      if (env.DRAIN_MS > 0) logger.info({ drainMs: env.DRAIN_MS }, 'draining');
      await drain.begin(env.DRAIN_MS);
      logger.info('shutting down');
      const closed = new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      // Event streams never end by themselves: end them now, so their clients reconnect to
      // another process; requests in flight get the grace, then what is left is cut.
      const ended = streams.endStreams();
      if (ended > 0) logger.info({ streams: ended }, 'event streams ended');
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
      await background.stop();
      await stopPgliteBackups();
      await live?.close();
      await db.close();
      await release();
      // The last requests' spans wait in the exporter's batch; exiting would drop them.
      await flushTraces();
      logger.info('stopped');
    })());
  return { url, stop };
}

async function main(): Promise<void> {
  // `--role=relay` (boot/roles.ts) is ROLES on the command line: it wins over the environment.
  const roles = rolesFromArgs(process.argv.slice(2));
  const env = loadEnv(roles === undefined ? {} : { ROLES: roles });
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
