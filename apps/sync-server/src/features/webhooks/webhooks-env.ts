import { z } from 'zod';

/**
 * The environment variable of webhooks, as a zod shape env.ts spreads into its one schema.
 * WEBHOOK_ALLOW_PRIVATE_URLS: whether subscriptions may point at loopback or private addresses
 * (webhook-target.ts). Unset: allowed unless NODE_ENV=production.
 */
export const webhooksEnvShape = {
  WEBHOOK_ALLOW_PRIVATE_URLS: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .transform((text) => text === 'true' || text === '1' || text === 'yes')
    .optional(),
};

/** Whether webhooks may target private addresses under this configuration. */
export function allowPrivateWebhookTargets(env: {
  readonly NODE_ENV: string;
  readonly WEBHOOK_ALLOW_PRIVATE_URLS?: boolean | undefined;
}): boolean {
  return env.WEBHOOK_ALLOW_PRIVATE_URLS ?? env.NODE_ENV !== 'production';
}
