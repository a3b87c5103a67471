import { z } from 'zod';
import { webhookEventTypeSchema } from './webhook-subscription';

/**
 * The delivery log of a subscription: one delivery per event and subscription, its attempts
 * counted, and replays. `pending` waits for its first (or replayed) attempt, `failed` waits for a
 * retry, `delivered` got a 2xx, `dead` failed for the whole retry window (3 days).
 */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'dead'] as const;

/** A delivery state. */
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One delivery of the log. */
export const webhookDeliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: webhookEventTypeSchema,
  storeId: z.string(),
  /** The event's per-store sequence, decimal text. */
  storeSeq: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});

/** One delivery of the log. */
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

/** The query of `GET /v1/webhooks/subscriptions/:id/deliveries` (newest first). */
export const webhookDeliveryQuerySchema = z.strictObject({
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** `nextCursor` of the page before. */
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,18}$/)
    .optional(),
});

/** A page of the delivery log. */
export const webhookDeliveryPageSchema = z.object({
  items: z.array(webhookDeliverySchema),
  nextCursor: z.string().nullable(),
});

/** The body of `POST /v1/webhooks/subscriptions/:id/replay`: which deliveries to send again. */
export const webhookBulkReplaySchema = z.strictObject({
  status: z.enum(['dead', 'delivered', 'failed']).optional(),
  /** Deliveries created at or after this instant. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Deliveries created before this instant. */
  to: z.iso.datetime({ offset: true }).optional(),
});

/** The answer of a bulk replay. */
export const webhookBulkReplayAnswerSchema = z.object({ replayed: z.number().int() });
