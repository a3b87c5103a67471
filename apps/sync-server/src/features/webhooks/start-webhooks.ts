import type { Clock } from '@kiryana/shared';
import type { Logger } from 'pino';
import type { Db } from '../../db/db';
import { type DispatcherOptions, startWebhookDispatcher } from './webhook-dispatcher';
import { type EventSource, startWebhookFanOut } from './webhook-fanout';

/** Webhooks of one server process: the bus consumer recording deliveries and the dispatcher. */
export type Webhooks = {
  /** Subscriptions or deliveries changed through the API (new types, a resume, a replay). */
  readonly wake: () => void;
  stop(): Promise<void>;
};

/**
 * Starts webhooks in a server process (docs/webhooks.md): the durable `webhooks` consumer on the
 * bus turns events into deliveries, and the dispatcher sends them. Every process runs both; the
 * bus hands each event to one consumer instance at a time and the dispatchers share claims.
 */
export async function startWebhooks(
  deps: {
    readonly db: Db;
    readonly clock: Clock;
    readonly logger: Logger;
    readonly bus: EventSource;
  },
  options: DispatcherOptions = {},
): Promise<Webhooks> {
  const dispatcher = startWebhookDispatcher(
    {
      db: deps.db,
      clock: deps.clock,
      onError: (error) => {
        deps.logger.warn({ err: error }, 'webhook dispatcher: will retry');
      },
    },
    options,
  );
  const fanOut = await startWebhookFanOut(deps, () => {
    dispatcher.wake();
  });
  return {
    wake: () => {
      fanOut.invalidate();
      dispatcher.wake();
    },
    async stop() {
      await fanOut.close();
      await dispatcher.stop();
    },
  };
}
