import type { Clock } from '@kiryana/shared';
import type { Logger } from 'pino';
import type { Db } from '../db/db';
import type { OutboxRelay } from '../features/events/outbox-relay';
import type { RetentionJob } from '../features/retention/retention-job';
import {
  allowPrivateWebhookTargets,
  webhookDispatcherProcessUrl,
} from '../features/webhooks/webhooks-env';
import type { LiveHub } from '../http/app-env';
import type { Role } from './roles';

/** What the background work needs of the configuration (env.ts parses it). */
type BackgroundSettings = {
  readonly NODE_ENV: string;
  readonly DATABASE_URL?: string | undefined;
  readonly NATS_URL?: string | undefined;
  readonly OUTBOX_RETENTION_DAYS: number;
  readonly WEBHOOK_ALLOW_PRIVATE_URLS?: boolean | undefined;
  readonly WEBHOOK_DISPATCHER: 'inline' | 'process';
  readonly WEBHOOK_DELIVERY_RETENTION_DAYS: number;
  readonly NOTIFICATION_RETENTION_DAYS: number;
};

/** The work of a process besides HTTP, as its roles ask (boot/roles.ts). */
export type Background = {
  /** The outbox relay, in a process with the `relay` role (its metrics read it). */
  readonly relay: OutboxRelay | undefined;
  /** The retention job, in a process with the `jobs` role (its metrics read it). */
  readonly retention: RetentionJob | undefined;
  /** Webhook subscriptions or deliveries changed through this process's API. */
  readonly wakeWebhooks: () => void;
  stop(): Promise<void>;
};

/**
 * Starts what the roles ask besides HTTP:
 * - `relay`: the outbox relay and its bus (docs/events.md: in-process unless NATS_URL is set),
 *   live stock and low-stock alerts for the admin web, and the webhook fan-out (docs/webhooks.md);
 * - `jobs`: the webhook dispatcher (inline or WEBHOOK_DISPATCHER=process) and the retention job
 *   (features/retention: old webhook deliveries and notifications; one jobs process at a time).
 * With the in-process bus the consumers must share the relay's process; with NATS they could run
 * anywhere, but they stay with the relay so one role owns everything the bus feeds.
 */
export async function startBackground(
  deps: {
    readonly db: Db;
    readonly clock: Clock;
    readonly logger: Logger;
    readonly live: LiveHub | undefined;
  },
  env: BackgroundSettings,
  roles: readonly Role[],
): Promise<Background> {
  const { db, clock, logger, live } = deps;
  const relayRole = roles.includes('relay');
  const jobsRole = roles.includes('jobs');
  // Loaded by role: an api process never loads the relay's, consumers' or dispatcher's modules
  // (undici among them) unless it runs them.
  const events = relayRole
    ? await (
        await import('../features/events/start-events')
      ).startEvents(
        { db, logger },
        {
          databaseUrl: env.DATABASE_URL,
          natsUrl: env.NATS_URL,
          outboxRetentionDays: env.OUTBOX_RETENTION_DAYS,
        },
      )
    : undefined;
  const stopStockConsumers =
    events && live
      ? await (
          await import('../features/notifications/stock-consumers')
        ).startStockConsumers({ db, live }, events.bus)
      : undefined;
  const webhooks =
    relayRole || jobsRole
      ? await (
          await import('../features/webhooks/start-webhooks')
        ).startWebhooks(
          { db, clock, logger, bus: events?.bus },
          {
            refusePrivateTargets: !allowPrivateWebhookTargets(env),
            processOn: webhookDispatcherProcessUrl(env),
            dispatch: jobsRole,
          },
        )
      : undefined;
  const retention = jobsRole
    ? (await import('../features/retention/start-retention')).startRetentionJob(
        { db, clock, logger },
        {
          databaseUrl: env.DATABASE_URL,
          WEBHOOK_DELIVERY_RETENTION_DAYS: env.WEBHOOK_DELIVERY_RETENTION_DAYS,
          NOTIFICATION_RETENTION_DAYS: env.NOTIFICATION_RETENTION_DAYS,
        },
      )
    : undefined;
  return {
    relay: events?.relay,
    retention,
    // An api-only process has no dispatcher to wake: the jobs process's poll finds the change.
    wakeWebhooks: () => webhooks?.wake(),
    async stop() {
      await retention?.stop();
      await webhooks?.stop();
      await stopStockConsumers?.();
      await events?.stop();
    },
  };
}
