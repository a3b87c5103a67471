import { readConfig } from './env';
import { startIntegration } from './integration';

/**
 * `pnpm --filter @kiryana/example-hq-integration start` (README): subscribes, prints each
 * verified event, prints today's net sales per store, and on Ctrl+C deletes its subscription.
 */
async function main(): Promise<void> {
  const config = readConfig();
  const integration = await startIntegration(config);
  // Business dates are Indian calendar days.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date());
  await integration.pullNetSales(today, today);
  process.stdout.write('waiting for events (Ctrl+C stops and deletes the subscription)\n');
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      integration.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`stop failed: ${String(error)}\n`);
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  // fetch's own message ("fetch failed") says little; its cause names the address and the reason.
  const cause =
    error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}${cause}\n`);
  process.exit(1);
});
