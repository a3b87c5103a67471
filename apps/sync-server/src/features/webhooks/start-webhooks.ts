import type { Clock } from '@kiryana/shared';
import type { Logger } from 'pino';
import type { Db } from '../../db/db';
import { type DispatcherOptions, startWebhookDispatcher } from './webhook-dispatcher';
import { startDispatcherProcess } from './webhook-dispatcher-process';
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
 * With `processOn` (a Postgres URL; WEBHOOK_DISPATCHER=process) the dispatcher runs in a child
 * process with its own pool and event loop (webhook-dispatcher-child.ts), so its claims no longer
 * wait behind push handling; PGlite cannot be opened twice, so there it always runs inline.
 */
export async function startWebhooks(
  deps: {
    readonly db: Db;
    readonly clock: Clock;
    readonly logger: Logger;
    readonly bus: EventSource;
  },
  options: DispatcherOptions & { readonly processOn?: string | undefined } = {},
): Promise<Webhooks> {
  const { processOn, ...dispatcherOptions } = options;
  if (processOn !== undefined && options.loop !== false) {
    const child = await startDispatcherProcess(processOn, deps.logger, dispatcherOptions);
    const childFanOut = await startWebhookFanOut(deps, () => {
      child.wake();
    });
    return {
      wake: () => {
        childFanOut.invalidate();
        child.wake();
      },
      async stop() {
        await childFanOut.close();
        await child.stop();
      },
    };
  }
  const dispatcher = startWebhookDispatcher(
    {
      db: deps.db,
      clock: deps.clock,
      onError: (error) => {
        deps.logger.warn({ err: error }, 'webhook dispatcher: will retry');
      },
    },
    dispatcherOptions,
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
