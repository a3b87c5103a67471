import type { Clock } from '@kiryana/shared';
import type { Logger } from 'pino';
import type { Db } from '../../db/db';
import { pgliteDedicatedSessions, postgresDedicatedSessions } from '../../db/dedicated-session';
import { type RetentionJob, retentionFromDays, startRetention } from './retention-job';

/**
 * Starts the retention job of a `jobs` process (boot/background.ts): on Postgres each run opens a
 * connection of its own for the lock; embedded PGlite is one connection in one process, so there
 * the job runs on the database itself. Logs one line per run that pruned anything.
 */
export function startRetentionJob(
  deps: { readonly db: Db; readonly clock: Clock; readonly logger: Logger },
  config: {
    readonly databaseUrl?: string | undefined;
    readonly WEBHOOK_DELIVERY_RETENTION_DAYS: number;
    readonly NOTIFICATION_RETENTION_DAYS: number;
  },
): RetentionJob {
  const { db, clock, logger } = deps;
  return startRetention(
    {
      openConnection:
        db.kind === 'postgres' && config.databaseUrl
          ? postgresDedicatedSessions(config.databaseUrl)
          : pgliteDedicatedSessions(db),
      clock,
      onRun: (run) => {
        if (run.webhookDeliveries + run.notifications === 0) return;
        logger.info(
          {
            webhookDeliveries: run.webhookDeliveries,
            notifications: run.notifications,
            ms: run.ms,
          },
          'retention pruned',
        );
      },
      onError: (error) => {
        logger.error({ err: error }, 'retention run failed; the next run tries again');
      },
    },
    retentionFromDays(config),
  );
}
