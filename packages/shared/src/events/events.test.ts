import { describe, expect, it } from 'vitest';
import {
  CHAIN_STREAM_ID,
  EVENT_TYPES,
  eventEnvelopeSchema,
  eventSubject,
  isChainWide,
  isEventType,
} from './index';

const base = {
  id: '0190a1b2-c3d4-5e6f-8a9b-0c1d2e3f4a5b',
  version: 1,
  storeId: 'store-a',
  regionId: 'r1',
  occurredAt: '2026-12-07T04:00:00.000Z',
  storeSeq: '42',
};

describe('event envelope', () => {
  it('lists the documented event types', () => {
    expect(EVENT_TYPES).toEqual([
      'sale.recorded',
      'sale.returned',
      'stock.moved',
      'stock.level_changed',
      'stock.low',
      'price.changed',
      'product.changed',
      'device.enrolled',
      'device.revoked',
      'sync.quarantined',
      'transfer.requested',
      'transfer.approved',
      'transfer.dispatched',
      'transfer.received',
      'transfer.resolved',
      'transfer.cancelled',
      'transfer.closed',
      'po.created',
      'po.approved',
      'po.sent',
      'po.received',
      'po.closed',
      'goods.received',
      'tax-rate.changed',
    ]);
    expect(isEventType('stock.low')).toBe(true);
    expect(isEventType('stock.high')).toBe(false);
  });

  it('accepts an event whose data matches its type and refuses one that does not', () => {
    const event = {
      ...base,
      type: 'stock.level_changed',
      data: { productId: 'p001', qtyBase: 12, deltaBase: -3 },
    };
    expect(eventEnvelopeSchema.parse(event)).toEqual(event);
    const wrong = eventEnvelopeSchema.safeParse({ ...event, type: 'stock.low' });
    expect(wrong.success).toBe(false);
    const fractional = eventEnvelopeSchema.safeParse({
      ...event,
      data: { productId: 'p001', qtyBase: 1.5, deltaBase: -3 },
    });
    expect(fractional.success).toBe(false);
  });

  it('names the NATS subject by region, store and type, keeping ids from widening it', () => {
    expect(eventSubject({ regionId: 'r1', storeId: 'store-a', type: 'sale.recorded' })).toBe(
      'kiryana.r1.store-a.sale.recorded',
    );
    expect(eventSubject({ regionId: 'r.1', storeId: 's>*', type: 'stock.low' })).toBe(
      'kiryana.r_1.s__.stock.low',
    );
  });

  it('carries chain-wide events on the reserved stream, with subjects of their own', () => {
    const product = {
      ...base,
      storeId: CHAIN_STREAM_ID,
      regionId: CHAIN_STREAM_ID,
      type: 'product.changed',
      data: {
        productId: 'p-atta-5kg',
        sku: 'ATTA-5KG',
        active: true,
        deleted: false,
        mrpMinor: 28000,
        reorderLevelBase: 5,
      },
    };
    expect(eventEnvelopeSchema.parse(product)).toEqual(product);
    expect(isChainWide(product)).toBe(true);
    expect(isChainWide(base)).toBe(false);
    expect(eventSubject({ ...product, type: 'product.changed' })).toBe(
      'kiryana._chain._chain.product.changed',
    );
    expect(
      eventSubject({ regionId: 'region-west', storeId: CHAIN_STREAM_ID, type: 'price.changed' }),
    ).toBe('kiryana.region-west._chain.price.changed');
  });
});
