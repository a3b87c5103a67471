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
 * bus turns events into deliveries, and the dispatcher sends them. A process of all roles runs
 * both; the bus hands each event to one consumer instance at a time and the dispatchers share
 * claims. Split by role (boot/roles.ts): a `relay` process passes the bus and `dispatch: false`
 * (fan-out only), a `jobs` process no bus (dispatcher only, which finds the recorded deliveries
 * by its poll, as no in-process wake reaches it).
 * With `processOn` (a Postgres URL; WEBHOOK_DISPATCHER=process) the dispatcher runs in a child
 * process with its own pool and event loop (webhook-dispatcher-child.ts), so its claims no longer
 * wait behind push handling; PGlite cannot be opened twice, so there it always runs inline.
 */
export async function startWebhooks(
  deps: {
    readonly db: Db;
    readonly clock: Clock;
    readonly logger: Logger;
    /** The bus the fan-out consumes; without it no fan-out runs here. */
    readonly bus?: EventSource | undefined;
  },
  options: DispatcherOptions & {
    readonly processOn?: string | undefined;
    /** Run the dispatcher in (or from) this process; default true. */
    readonly dispatch?: boolean;
  } = {},
): Promise<Webhooks> {
  const { processOn, dispatch = true, ...dispatcherOptions } = options;
  let dispatcher: { wake(): void; stop(): Promise<void> } | undefined;
  if (dispatch && processOn !== undefined && options.loop !== false) {
    dispatcher = await startDispatcherProcess(processOn, deps.logger, dispatcherOptions);
  } else if (dispatch) {
    dispatcher = startWebhookDispatcher(
      {
        db: deps.db,
        clock: deps.clock,
        onError: (error) => {
          deps.logger.warn({ err: error }, 'webhook dispatcher: will retry');
        },
      },
      dispatcherOptions,
    );
  }
  const { bus } = deps;
  const fanOut = bus
    ? await startWebhookFanOut({ ...deps, bus }, () => {
        dispatcher?.wake();
      })
    : undefined;
  return {
    wake: () => {
      fanOut?.invalidate();
      dispatcher?.wake();
    },
    async stop() {
      await fanOut?.close();
      await dispatcher?.stop();
    },
  };
}
