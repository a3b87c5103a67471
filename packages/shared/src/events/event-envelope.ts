import { z } from 'zod';
import { isoTimestampSchema } from '../documents/common';
import { EVENT_DATA_SCHEMAS, type EventType } from './event-types';

/**
 * The envelope every event travels in, on any bus (docs/events.md).
 * - `id` is derived from the store and the outbox row's key, so a republished event (relay restart,
 *   retry) carries the same id and consumers dedupe by it.
 * - `storeSeq` is the store's outbox sequence number: events of one store are published in
 *   `storeSeq` order, which is their commit order. Numbers may skip; they never go back.
 * - Events that concern no single store (`product.changed`, the HQ and region price lists'
 *   `price.changed`) have `storeId` {@link CHAIN_STREAM_ID} and their own sequence in `storeSeq`;
 *   their `regionId` is the region of a region's price list, else {@link CHAIN_STREAM_ID} too.
 */

/**
 * The `storeId` (and, unless one region is concerned, `regionId`) of chain-wide events: a reserved
 * value no store or region id may take (ids starting with `_` are refused by the database), so the
 * chain's stream is ordered and numbered like a store's, and its NATS subjects read
 * `kiryana._chain._chain.product.changed` or `kiryana.<region>._chain.price.changed`.
 */
export const CHAIN_STREAM_ID = '_chain';

/**
 * Whether an event concerns no single store (it is on the chain-wide stream).
 * @example isChainWide({ storeId: '_chain' }) // true
 */
export function isChainWide(event: Pick<EventEnvelope, 'storeId'>): boolean {
  return event.storeId === CHAIN_STREAM_ID;
}

const envelopeFields = {
  id: z.uuid(),
  version: z.number().int().min(1),
  storeId: z.string().min(1),
  regionId: z.string().min(1),
  occurredAt: isoTimestampSchema,
  /** Decimal text: the counter is a bigint and may pass 2^53. */
  storeSeq: z.string().regex(/^[1-9][0-9]*$/),
};

function envelopeOf<T extends EventType, D extends (typeof EVENT_DATA_SCHEMAS)[T]['data']>(
  type: T,
  data: D,
) {
  return z.strictObject({ ...envelopeFields, type: z.literal(type), data });
}

const d = EVENT_DATA_SCHEMAS;

/** Any event, discriminated by `type`. */
export const eventEnvelopeSchema = z.discriminatedUnion('type', [
  envelopeOf('sale.recorded', d['sale.recorded'].data),
  envelopeOf('sale.returned', d['sale.returned'].data),
  envelopeOf('stock.moved', d['stock.moved'].data),
  envelopeOf('stock.level_changed', d['stock.level_changed'].data),
  envelopeOf('stock.low', d['stock.low'].data),
  envelopeOf('price.changed', d['price.changed'].data),
  envelopeOf('product.changed', d['product.changed'].data),
  envelopeOf('device.enrolled', d['device.enrolled'].data),
  envelopeOf('device.revoked', d['device.revoked'].data),
  envelopeOf('sync.quarantined', d['sync.quarantined'].data),
  envelopeOf('transfer.requested', d['transfer.requested'].data),
  envelopeOf('transfer.approved', d['transfer.approved'].data),
  envelopeOf('transfer.dispatched', d['transfer.dispatched'].data),
  envelopeOf('transfer.received', d['transfer.received'].data),
  envelopeOf('transfer.resolved', d['transfer.resolved'].data),
  envelopeOf('transfer.cancelled', d['transfer.cancelled'].data),
  envelopeOf('transfer.closed', d['transfer.closed'].data),
  envelopeOf('po.created', d['po.created'].data),
  envelopeOf('po.approved', d['po.approved'].data),
  envelopeOf('po.sent', d['po.sent'].data),
  envelopeOf('po.received', d['po.received'].data),
  envelopeOf('po.closed', d['po.closed'].data),
  envelopeOf('goods.received', d['goods.received'].data),
  envelopeOf('tax-rate.changed', d['tax-rate.changed'].data),
]);

/** An event of one type. */
export type EventOf<T extends EventType> = Extract<EventEnvelope, { type: T }>;

/** Any event. */
export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

/**
 * The NATS subject of an event: `kiryana.<region>.<store>.<type>` (tests pass another root). Ids are reference ids (no
 * spaces); a `.`, `*` or `>` in one would split or widen the subject, so those become `_`.
 * @example eventSubject({ regionId: 'r1', storeId: 'store-a', type: 'sale.recorded' })
 * // 'kiryana.r1.store-a.sale.recorded'
 */
export function eventSubject(
  event: Pick<EventEnvelope, 'regionId' | 'storeId' | 'type'>,
  root: string = EVENT_SUBJECT_ROOT,
): string {
  return `${root}.${subjectToken(event.regionId)}.${subjectToken(event.storeId)}.${event.type}`;
}

/** The first token of every event subject. */
export const EVENT_SUBJECT_ROOT = 'kiryana';

function subjectToken(id: string): string {
  return id.replace(/[.*>\s]/g, '_');
}
