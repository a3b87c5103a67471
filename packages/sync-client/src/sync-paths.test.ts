import { describe, expect, it } from 'vitest';
import { syncPaths } from './sync-paths';

describe('syncPaths', () => {
  it('puts the checkpoint as JSON and the limit into the pull query', () => {
    const path = syncPaths.pull('products', {
      checkpoint: { v: 1, epoch: 'e1', seq: '42' },
      limit: 100,
    });
    const url = new URL(path, 'http://server');
    expect(url.pathname).toBe('/v1/sync/products/pull');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      checkpoint: '{"v":1,"epoch":"e1","seq":"42"}',
      limit: '100',
    });
  });

  it('sends a string checkpoint as it is and leaves out what is not given', () => {
    expect(syncPaths.pull('sales', { checkpoint: 'not-json' })).toBe(
      '/v1/sync/sales/pull?checkpoint=not-json',
    );
    expect(syncPaths.pull('sales', { checkpoint: null, limit: 5 })).toBe(
      '/v1/sync/sales/pull?limit=5',
    );
    expect(syncPaths.pull('sales')).toBe('/v1/sync/sales/pull');
    expect(syncPaths.push('stock-movements')).toBe('/v1/sync/stock-movements/push');
  });
});
