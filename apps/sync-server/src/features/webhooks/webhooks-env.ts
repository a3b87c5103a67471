import { z } from 'zod';

/**
 * The environment variable of webhooks, as a zod shape env.ts spreads into its one schema.
 * WEBHOOK_ALLOW_PRIVATE_URLS: whether subscriptions may point at loopback or private addresses
 * (webhook-target.ts). Unset: allowed unless NODE_ENV=production.
 * WEBHOOK_DISPATCHER: `inline` (default) runs the dispatcher on the server's event loop; `process`
 * runs it in a child process of its own (Postgres only: PGlite cannot be opened twice, so there it
 * stays inline), where its claims do not wait behind push handling (docs/webhooks.md, Bench).
 */
export const webhooksEnvShape = {
  WEBHOOK_ALLOW_PRIVATE_URLS: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .transform((text) => text === 'true' || text === '1' || text === 'yes')
    .optional(),
  WEBHOOK_DISPATCHER: z.enum(['inline', 'process']).default('inline'),
};

/** Whether webhooks may target private addresses under this configuration. */
export function allowPrivateWebhookTargets(env: {
  readonly NODE_ENV: string;
  readonly WEBHOOK_ALLOW_PRIVATE_URLS?: boolean | undefined;
}): boolean {
  return env.WEBHOOK_ALLOW_PRIVATE_URLS ?? env.NODE_ENV !== 'production';
}

/** The Postgres URL to run the dispatcher's own process on, or undefined to run it inline. */
export function webhookDispatcherProcessUrl(env: {
  readonly WEBHOOK_DISPATCHER: 'inline' | 'process';
  readonly DATABASE_URL?: string | undefined;
}): string | undefined {
  return env.WEBHOOK_DISPATCHER === 'process' ? env.DATABASE_URL : undefined;
}
