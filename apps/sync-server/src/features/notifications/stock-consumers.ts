import type { EventEnvelope, EventType } from '@kiryana/shared';
import { type NotificationDeps, announceLevel, recordLowStock } from './notification.service';

/** The part of the event bus the consumers use (features/events, `EventBus.subscribe`). */
type Subscribe = (options: {
  readonly name: string;
  readonly types: readonly EventType[];
  readonly handle: (event: EventEnvelope) => Promise<void>;
}) => Promise<{ close(): Promise<void> }>;

/** Durable names: each consumer keeps its own place on the bus. */
const STOCK_CONSUMER_NAMES = { liveStock: 'live-stock', alerts: 'stock-alerts' } as const;

/**
 * Starts the product's stock consumers on the bus: live stock (a level changed → a `stock` hint to
 * the admin streams in scope, on every process through the LiveHub) and low-stock alerts
 * (`stock.low` → a notification row and a `notification` hint). Both are idempotent by event id:
 * the alert's row is keyed by it, and the live hint carries the level as stored when sent.
 * @returns a function that stops both
 */
export async function startStockConsumers(
  deps: NotificationDeps,
  bus: { readonly subscribe: Subscribe },
): Promise<() => Promise<void>> {
  const live = await bus.subscribe({
    name: STOCK_CONSUMER_NAMES.liveStock,
    types: ['stock.level_changed'],
    handle: (event) => announceLevel(deps, event),
  });
  const alerts = await bus.subscribe({
    name: STOCK_CONSUMER_NAMES.alerts,
    types: ['stock.low'],
    handle: (event) => recordLowStock(deps, event),
  });
  return async () => {
    await Promise.all([live.close(), alerts.close()]);
  };
}
