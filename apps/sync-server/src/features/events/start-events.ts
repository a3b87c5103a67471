import type { Logger } from 'pino';
import type { Db } from '../../db/db';
import { createEmbeddedBus } from './embedded-bus';
import type { EventBus } from './event-bus';
import { pgliteLeaderSessions, postgresLeaderSessions } from './leader-session';
import {
  OUTBOX_CHANNEL,
  type OutboxRelay,
  type RelayOptions,
  startOutboxRelay,
} from './outbox-relay';

/** What the server's events need from its configuration. */
export type EventsConfig = {
  /** Postgres URL (the relay's lock needs a connection of its own); absent with embedded PGlite. */
  readonly databaseUrl?: string | undefined;
  /** NATS JetStream when set, else the in-process bus. */
  readonly natsUrl?: string | undefined;
  /** Days a published outbox row is kept (`OUTBOX_RETENTION_DAYS`); 7 when absent. */
  readonly outboxRetentionDays?: number | undefined;
};

/** The running event backbone: the bus consumers subscribe to and the relay feeding it. */
export type Events = {
  readonly bus: EventBus;
  readonly relay: OutboxRelay;
  stop(): Promise<void>;
};

/**
 * Starts the event backbone of one server process: opens the bus and starts the outbox relay,
 * which leads when no other process does (docs/events.md).
 */
export async function startEvents(
  deps: { readonly db: Db; readonly logger: Logger },
  config: EventsConfig,
  options: RelayOptions = {},
): Promise<Events> {
  const { db, logger } = deps;
  const onHandlerError = (error: unknown, consumer: string) => {
    logger.warn({ err: error, consumer }, 'event consumer failed; the event comes again');
  };
  // The NATS client is loaded only when configured: the in-process bus needs none of it.
  const bus = config.natsUrl
    ? await (await import('./nats-bus')).createNatsBus({ url: config.natsUrl, onHandlerError })
    : createEmbeddedBus({ onHandlerError });
  const openSession =
    db.kind === 'postgres' && config.databaseUrl
      ? postgresLeaderSessions(config.databaseUrl)
      : pgliteLeaderSessions(db);
  const relay = startOutboxRelay(
    {
      openSession,
      bus,
      // Writers' commits wake the leader at once (migration 0510); a notification lost with the
      // listening connection is made good by the reconnect's wake and the poll.
      listen: (wake) => db.listen(OUTBOX_CHANNEL, wake, wake),
      onError: (error) => {
        logger.warn({ err: error }, 'outbox relay: will retry');
      },
      onLeadership: (leading) => {
        logger.info({ bus: bus.kind }, leading ? 'outbox relay leads' : 'outbox relay stands by');
      },
      onInvalidEvent: (row, problem) => {
        logger.error(
          { storeId: row.storeId, seq: row.seq, topic: row.topic, problem },
          'outbox row does not match its event schema; published as written',
        );
      },
    },
    {
      ...(config.outboxRetentionDays === undefined
        ? {}
        : { retentionMs: config.outboxRetentionDays * 86_400_000 }),
      ...options,
    },
  );
  return {
    bus,
    relay,
    async stop() {
      await relay.stop();
      await bus.close();
    },
  };
}
