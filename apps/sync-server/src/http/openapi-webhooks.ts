import {
  EVENT_DATA_SCHEMAS,
  EVENT_TYPES,
  type EventType,
  eventEnvelopeSchema,
} from '@kiryana/shared';
import { jsonSchemaOf } from './openapi';

/**
 * The OpenAPI 3.1 `webhooks` section: one POST per event type, whose body is the shared envelope
 * of that type (docs/events.md). Generated from `eventEnvelopeSchema`, so a field added to an
 * event's data schema shows up here and in the generated client (`@kiryana/hq-client`) without a
 * hand-written copy that could drift.
 */

type JsonObject = Record<string, unknown>;

/** When each event is raised: the summary of its webhook (keyed by type, so a new type must say). */
const WHEN: Readonly<Record<EventType, string>> = {
  'sale.recorded': 'A bill pushed by a terminal was stored.',
  'sale.returned': 'A return (credit note) pushed by a terminal was stored.',
  'stock.moved': 'A receipt, adjustment, count or transfer pushed by a terminal was stored.',
  'stock.level_changed': "A product's stock level in a store changed.",
  'stock.low': "A product's level fell from above its reorder level to at or below it.",
  'price.changed': 'A price row was created, changed or withdrawn.',
  'product.changed': 'A catalogue product was created, changed or deleted.',
  'device.enrolled': 'A terminal enrolled in a store.',
  'device.revoked': "A terminal's credential was revoked.",
  'sync.quarantined': 'A pushed document broke a business rule and was set aside.',
  'transfer.requested': 'A transfer of stock between two stores was requested.',
  'transfer.approved': 'A transfer was approved (quantities possibly cut).',
  'transfer.dispatched': 'The source store sent goods of a transfer.',
  'transfer.received': 'The destination store counted a delivery of a transfer.',
  'transfer.resolved': "A manager resolved a transfer's shortage or damage (found or written off).",
  'transfer.cancelled': 'A transfer, or its undispatched remainder, was cancelled.',
  'transfer.closed': 'Everything dispatched on a transfer was received or written off.',
  'po.created': 'A purchase order was drafted.',
  'po.approved': 'A purchase order was approved.',
  'po.sent': 'A purchase order was sent to its supplier.',
  'po.received': 'A delivery was received against a purchase order.',
  'po.closed': 'A purchase order ended: received, closed short or cancelled.',
  'goods.received': 'Goods from a supplier were received into a store, with their cost.',
  'tax-rate.changed': 'A GST rate row was added or its rate, cess or start changed.',
};

const DELIVERY =
  "Delivered to the URL of every active subscription to this type whose stores include the event's store, as a POST of the event envelope signed per the Standard Webhooks specification (verify with the `standardwebhooks` library and the subscription's `whsec_` secret). At least once: dedupe by `webhook-id`, which is the event id. A store's events are sent in `storeSeq` order.";

/** Standard Webhooks headers, the same on every event type. */
const SIGNATURE_HEADERS: readonly JsonObject[] = [
  {
    name: 'webhook-id',
    in: 'header',
    required: true,
    description:
      'The event id (`id` of the body): the same on every retry and replay, so receivers dedupe by it.',
    schema: { type: 'string', format: 'uuid' },
  },
  {
    name: 'webhook-timestamp',
    in: 'header',
    required: true,
    description:
      'When this attempt was signed, in Unix seconds. Refuse a delivery too far from your clock (the reference libraries allow 5 minutes).',
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  {
    name: 'webhook-signature',
    in: 'header',
    required: true,
    description:
      'Space-separated `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, one per active secret of the subscription (two while a rotated secret overlaps the new one). Any one valid signature is enough.',
    schema: { type: 'string' },
  },
];

/** `sale.recorded` → `SaleRecordedEvent`: the component name of a type's envelope. */
export function eventSchemaName(type: EventType): string {
  return `${type
    .split(/[._]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')}Event`;
}

/** `sale.recorded` → `onSaleRecorded`. */
function operationIdOf(type: EventType): string {
  return `on${eventSchemaName(type).slice(0, -'Event'.length)}`;
}

/**
 * The `webhooks` of the document and the component schemas they refer to: `<Type>Event` per type
 * and `WebhookEvent`, any of them.
 */
export function eventWebhooks(): { webhooks: JsonObject; schemas: JsonObject } {
  const webhooks: JsonObject = {};
  const schemas: JsonObject = {};
  for (const option of eventEnvelopeSchema.options) {
    const type = option.shape.type.value;
    const name = eventSchemaName(type);
    schemas[name] = {
      ...jsonSchemaOf(option, 'output'),
      description: `${WHEN[type]} Event \`${type}\`, version ${EVENT_DATA_SCHEMAS[type].version}.`,
    };
    webhooks[type] = {
      post: {
        operationId: operationIdOf(type),
        tags: ['Webhooks'],
        summary: WHEN[type],
        description: DELIVERY,
        parameters: SIGNATURE_HEADERS,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
        },
        responses: {
          '2XX': { description: 'Acknowledged: this delivery is done (the body is ignored).' },
          default: {
            description:
              'Any other status, or no answer within the timeout: retried with exponential backoff and jitter for up to 3 days, then dead-lettered (replayable).',
          },
        },
      },
    };
  }
  schemas.WebhookEvent = {
    description: 'Any event a webhook delivers, told apart by `type`.',
    oneOf: EVENT_TYPES.map((type) => ({ $ref: `#/components/schemas/${eventSchemaName(type)}` })),
  };
  return { webhooks, schemas };
}
