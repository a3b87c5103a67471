import type { z } from 'zod';
import {
  deviceEnrolledDataSchema,
  deviceRevokedDataSchema,
  priceChangedDataSchema,
  productChangedDataSchema,
  saleRecordedDataSchema,
  saleReturnedDataSchema,
  stockLevelChangedDataSchema,
  stockLowDataSchema,
  stockMovedDataSchema,
  syncQuarantinedDataSchema,
  transferRequestedDataSchema,
  transferApprovedDataSchema,
  transferDispatchedDataSchema,
  transferReceivedDataSchema,
  transferResolvedDataSchema,
  transferCancelledDataSchema,
  transferClosedDataSchema,
  poCreatedDataSchema,
  poApprovedDataSchema,
  poSentDataSchema,
  poReceivedDataSchema,
  poClosedDataSchema,
  goodsReceivedDataSchema,
  taxRateChangedDataSchema,
} from './event-data';

/**
 * Every event type with its current version and the schema of its `data`. The outbox row's topic
 * is the type; its `version` column says which shape its payload has.
 */
export const EVENT_DATA_SCHEMAS = {
  'sale.recorded': { version: 1, data: saleRecordedDataSchema },
  'sale.returned': { version: 1, data: saleReturnedDataSchema },
  'stock.moved': { version: 1, data: stockMovedDataSchema },
  'stock.level_changed': { version: 1, data: stockLevelChangedDataSchema },
  'stock.low': { version: 1, data: stockLowDataSchema },
  'price.changed': { version: 1, data: priceChangedDataSchema },
  'product.changed': { version: 1, data: productChangedDataSchema },
  'device.enrolled': { version: 1, data: deviceEnrolledDataSchema },
  'device.revoked': { version: 1, data: deviceRevokedDataSchema },
  'sync.quarantined': { version: 1, data: syncQuarantinedDataSchema },
  'transfer.requested': { version: 1, data: transferRequestedDataSchema },
  'transfer.approved': { version: 1, data: transferApprovedDataSchema },
  'transfer.dispatched': { version: 1, data: transferDispatchedDataSchema },
  'transfer.received': { version: 1, data: transferReceivedDataSchema },
  'transfer.resolved': { version: 1, data: transferResolvedDataSchema },
  'transfer.cancelled': { version: 1, data: transferCancelledDataSchema },
  'transfer.closed': { version: 1, data: transferClosedDataSchema },
  'po.created': { version: 1, data: poCreatedDataSchema },
  'po.approved': { version: 1, data: poApprovedDataSchema },
  'po.sent': { version: 1, data: poSentDataSchema },
  'po.received': { version: 1, data: poReceivedDataSchema },
  'po.closed': { version: 1, data: poClosedDataSchema },
  'goods.received': { version: 1, data: goodsReceivedDataSchema },
  'tax-rate.changed': { version: 1, data: taxRateChangedDataSchema },
} as const;

/** The event type names, e.g. `sale.recorded`. */
export type EventType = keyof typeof EVENT_DATA_SCHEMAS;

/** Every event type, in the order docs/events.md lists them. */
export const EVENT_TYPES = Object.keys(EVENT_DATA_SCHEMAS) as EventType[];

/** Whether a topic string names a known event type. */
export function isEventType(topic: string): topic is EventType {
  return Object.hasOwn(EVENT_DATA_SCHEMAS, topic);
}

/** The `data` of an event type. */
export type EventData<T extends EventType> = z.infer<(typeof EVENT_DATA_SCHEMAS)[T]['data']>;
