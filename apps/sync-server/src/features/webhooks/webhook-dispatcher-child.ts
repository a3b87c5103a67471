import { openPgDb } from '../../db/pg-db';
import { type DispatcherOptions, startWebhookDispatcher } from './webhook-dispatcher';

/**
 * The dispatcher in a process of its own (WEBHOOK_DISPATCHER=process, Postgres only; started by
 * webhook-dispatcher-process.ts): on the server's event loop every await of a claim waited behind
 * push handling (~60 ms a claim under load, docs/webhooks.md), which bounded how fast a
 * subscription's slots refill. Its own pool and event loop; the parent sends `wake` when the
 * fan-out recorded deliveries and `stop` to end it; it ends too when the parent goes away.
 * Errors go to stderr, which the parent logs.
 */
type ChildConfig = {
  readonly databaseUrl: string;
  readonly options: DispatcherOptions;
};

// The configuration comes over IPC when asked for, not on the command line, where the database
// URL (its password) would show in the process list.
const config = await new Promise<ChildConfig>((resolve) => {
  process.once('message', (message) => {
    resolve(message as ChildConfig);
  });
  process.send?.('configure');
});
const db = openPgDb(config.databaseUrl, { max: 8 });
const dispatcher = startWebhookDispatcher(
  {
    db,
    clock: { now: () => Date.now() },
    onError: (error) => {
      process.stderr.write(`webhook dispatcher: will retry: ${String(error)}\n`);
    },
  },
  { ...config.options, loop: true },
);

let stopping: Promise<void> | undefined;
const stop = () => {
  stopping ??= (async () => {
    await dispatcher.stop();
    await db.close();
    if (process.connected) process.disconnect();
    process.exit(0);
  })();
};
process.on('message', (message) => {
  if (message === 'wake') dispatcher.wake();
  else if (message === 'stop') stop();
});
process.on('disconnect', stop);
process.send?.('started');
