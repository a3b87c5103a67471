export { type HqClient, type HqClientOptions, createHqClient } from './client';
export {
  type ClientCredentialsOptions,
  type TokenSource,
  clientCredentials,
} from './client-credentials';
export {
  type WebhookEvent,
  type WebhookEventOf,
  type WebhookEventType,
  type WebhookVerifier,
  WebhookVerificationError,
  createWebhookVerifier,
} from './webhooks';
export type { components, operations, paths, webhooks } from './schema';
