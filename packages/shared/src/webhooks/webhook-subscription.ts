import { z } from 'zod';
import { EVENT_TYPES, type EventType } from '../events/event-types';

/**
 * The webhooks API of HQ integrations (`/v1/webhooks`, docs/webhooks.md): subscriptions to event
 * types within the caller's scope, signed deliveries per Standard Webhooks, the delivery log and
 * replays. The server validates with these schemas and documents its OpenAPI from them.
 */

/** An event type a subscription may name. */
export const webhookEventTypeSchema = z.enum(EVENT_TYPES as [EventType, ...EventType[]]);

/** Where deliveries go: absolute http(s) URL without credentials (the server checks the target). */
export const webhookUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .refine((text) => !/^[a-z]+:\/\/[^/?#]*@/i.test(text), 'a URL without user or password');

const storeIdsSchema = z.array(z.string().min(1).max(64)).min(1).max(1000);
const descriptionSchema = z.string().max(500);

/** `active` receives deliveries; `paused` keeps collecting them, sends once active again. */
export const WEBHOOK_SUBSCRIPTION_STATUSES = ['active', 'paused', 'disabled'] as const;

/** The body of `POST /v1/webhooks/subscriptions`. */
export const createWebhookSubscriptionSchema = z.strictObject({
  url: webhookUrlSchema,
  eventTypes: z.array(webhookEventTypeSchema).min(1),
  /** Omitted: every store in the caller's scope, including stores added to it later. */
  storeIds: storeIdsSchema.optional(),
  description: descriptionSchema.optional(),
});

/** A new subscription as asked for. */
export type CreateWebhookSubscription = z.infer<typeof createWebhookSubscriptionSchema>;

/** The body of `PATCH /v1/webhooks/subscriptions/:id`; `storeIds: null` means every store in scope. */
export const updateWebhookSubscriptionSchema = z.strictObject({
  url: webhookUrlSchema.optional(),
  eventTypes: z.array(webhookEventTypeSchema).min(1).optional(),
  storeIds: storeIdsSchema.nullable().optional(),
  description: descriptionSchema.optional(),
  status: z.enum(['active', 'paused']).optional(),
});

/** A change to a subscription. */
export type UpdateWebhookSubscription = z.infer<typeof updateWebhookSubscriptionSchema>;

/** A subscription as the API answers it (never with its secret). */
export const webhookSubscriptionSchema = z.object({
  id: z.string(),
  url: z.string(),
  eventTypes: z.array(webhookEventTypeSchema),
  storeIds: z.array(z.string()).nullable(),
  description: z.string(),
  status: z.enum(WEBHOOK_SUBSCRIPTION_STATUSES),
  createdAt: z.string(),
});

/** A subscription. */
export type WebhookSubscription = z.infer<typeof webhookSubscriptionSchema>;

/** The answer of creating a subscription: the only time its signing secret is shown (and rotate). */
export const createdWebhookSubscriptionSchema = webhookSubscriptionSchema.extend({
  secret: z.string().startsWith('whsec_'),
});

/** A new subscription with its secret. */
export type CreatedWebhookSubscription = z.infer<typeof createdWebhookSubscriptionSchema>;

/** The answer of `GET /v1/webhooks/subscriptions`. */
export const webhookSubscriptionListSchema = z.object({
  items: z.array(webhookSubscriptionSchema),
});

/** Default and longest overlap of a rotated secret, seconds. */
export const WEBHOOK_SECRET_OVERLAP = { defaultSec: 86_400, maxSec: 7 * 86_400 } as const;

/** The body of `POST /v1/webhooks/subscriptions/:id/rotate-secret`. */
export const rotateWebhookSecretSchema = z.strictObject({
  overlapSeconds: z.number().int().min(0).max(WEBHOOK_SECRET_OVERLAP.maxSec).optional(),
});

/** The answer of a rotation: the new secret; the old one signs too until it expires. */
export const rotatedWebhookSecretSchema = z.object({
  secret: z.string().startsWith('whsec_'),
  previousSecretExpiresAt: z.string(),
});
