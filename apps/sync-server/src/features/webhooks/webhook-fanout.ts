import type { Clock, EventEnvelope } from '@kiryana/shared';
import type { Db } from '../../db/db';
import { insertDeliveriesFor } from './webhook-delivery.queries';

/**
 * What webhooks need of the event bus (features/events/event-bus.ts, whose contract they rely on:
 * durable named consumers, per-store order, a throwing handler gets the event again first).
 */
export type EventSource = {
  subscribe(options: {
    readonly name: string;
    readonly handle: (event: EventEnvelope) => Promise<void>;
  }): Promise<{ close(): Promise<void> }>;
};

/** The durable bus consumer of webhooks. */
export const WEBHOOK_CONSUMER = 'webhooks';

/**
 * Turns each event from the bus into a delivery per matching subscription. The bus keeps the
 * consumer's place (JetStream across restarts); the fan-out is idempotent on (subscription,
 * event), so an event the bus delivers again adds nothing. A handler that throws (database away)
 * gets the same event again before any later one, so no event is skipped.
 */
export async function startWebhookFanOut(
  deps: { readonly db: Db; readonly clock: Clock; readonly bus: EventSource },
  onRecorded: () => void,
  name: string = WEBHOOK_CONSUMER,
): Promise<{ close(): Promise<void> }> {
  return deps.bus.subscribe({
    name,
    handle: async (event: EventEnvelope) => {
      const added = await insertDeliveriesFor(
        deps.db,
        {
          id: event.id,
          type: event.type,
          storeId: event.storeId,
          regionId: event.regionId,
          storeSeq: event.storeSeq,
          payload: JSON.stringify(event),
        },
        new Date(deps.clock.now()).toISOString(),
      );
      if (added > 0) onRecorded();
    },
  });
}
