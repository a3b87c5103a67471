import { describe, expect, it } from 'vitest';
import { type Price, resolvePrice } from './price';

function price(overrides: Partial<Price>): Price {
  return {
    id: 'x',
    schemaVersion: 1,
    productId: 'p1',
    level: 'hq',
    regionId: null,
    storeId: null,
    currency: 'INR',
    priceMinor: 10_000,
    mrpMinor: 12_000,
    effectiveFrom: '2025-01-01',
    updatedAt: '2025-01-01T00:00:00.000Z',
    _deleted: false,
    ...overrides,
  };
}

const at = { productId: 'p1', storeId: 's1', regionId: 'r1', date: '2026-04-01' };

describe('resolvePrice', () => {
  it('prefers a store override over the region price over the HQ price', () => {
    const hq = price({ id: 'hq' });
    const region = price({ id: 'region', level: 'region', regionId: 'r1' });
    const store = price({ id: 'store', level: 'store', storeId: 's1' });
    expect(resolvePrice([hq, region, store], at)?.id).toBe('store');
    expect(resolvePrice([hq, region], at)?.id).toBe('region');
    expect(resolvePrice([hq], at)?.id).toBe('hq');
  });

  it('ignores other stores, other regions, deleted rows and future prices', () => {
    const rows = [
      price({ id: 'other-store', level: 'store', storeId: 's2' }),
      price({ id: 'other-region', level: 'region', regionId: 'r2' }),
      price({ id: 'deleted', level: 'store', storeId: 's1', _deleted: true }),
      price({ id: 'future', level: 'region', regionId: 'r1', effectiveFrom: '2026-05-01' }),
      price({ id: 'hq' }),
    ];
    expect(resolvePrice(rows, at)?.id).toBe('hq');
  });

  it('takes the latest effective row of a level and answers undefined when nothing applies', () => {
    const rows = [
      price({ id: 'old', effectiveFrom: '2025-01-01' }),
      price({ id: 'new', effectiveFrom: '2026-03-01' }),
    ];
    expect(resolvePrice(rows, at)?.id).toBe('new');
    expect(resolvePrice(rows, { ...at, productId: 'p2' })).toBeUndefined();
  });
});
