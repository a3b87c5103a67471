import { QUARANTINED_HEADER } from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AccessTokens } from './device-api';
import { createSyncApi } from './sync-api';
import { SyncHttpError, type FetchLike } from './sync-http';

/** The URL a fetch was called with. */
const requestUrl = (input: RequestInfo | URL): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

/** A request as the server saw it. */
type Seen = { url: string; method: string; authorization: string | null };

/** A fetch that records each request and answers with the next of `answers`. */
function scriptedFetch(answers: (() => Response)[]): { fetchFn: FetchLike; seen: Seen[] } {
  const seen: Seen[] = [];
  const fetchFn: FetchLike = (input, init) => {
    const headers = new Headers(init?.headers);
    seen.push({
      url: requestUrl(input),
      method: init?.method ?? 'GET',
      authorization: headers.get('authorization'),
    });
    const next = answers.shift();
    if (next === undefined) throw new Error(`unexpected request ${requestUrl(input)}`);
    return Promise.resolve(next());
  };
  return { fetchFn, seen };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

const expired = () =>
  json({ error: { code: 'TOKEN_EXPIRED', message: 'The access token expired.' } }, 401);

/** Tokens numbered by how often they were fetched; `invalidate` moves on to the next. */
function countingTokens(): AccessTokens & { invalidations: number } {
  let current = 1;
  return {
    invalidations: 0,
    get: () => Promise.resolve(`token-${String(current)}`),
    invalidate() {
      this.invalidations += 1;
      current += 1;
    },
  };
}

const checkpoint = { v: 1 as const, epoch: 'e1', seq: '3' };

const NO_IDS = '0000000000000000';
const noCounts = {
  sales: 0,
  returns: 0,
  salesMinor: 0,
  returnsMinor: 0,
  checksum: NO_IDS,
  movements: 0,
  movementsChecksum: NO_IDS,
};
/** A store's health with one terminal that made one sale on 2026-03-02. */
const oneSaleHealth = {
  storeId: 's1',
  from: '2026-03-01',
  to: '2026-03-02',
  serverTime: '2026-03-02T10:00:00.000Z',
  checksumAlgorithm: 'xor-sha256-64',
  totals: { ...noCounts, sales: 1, salesMinor: 5000, checksum: '0123456789abcdef' },
  terminals: [
    {
      terminalId: 'd1',
      device: { terminalCode: 'T1', name: 'Counter 1', status: 'active', lastSeenAt: null },
      quarantined: 0,
      lastReceivedAt: '2026-03-02T09:59:00.000Z',
      ...noCounts,
      sales: 1,
      salesMinor: 5000,
      checksum: '0123456789abcdef',
      days: [
        {
          businessDate: '2026-03-02',
          ...noCounts,
          sales: 1,
          salesMinor: 5000,
          checksum: '0123456789abcdef',
        },
      ],
    },
  ],
  stock: null,
};

describe('createSyncApi', () => {
  it('sends the access token, and after a 401 refreshes it once and retries', async () => {
    const { fetchFn, seen } = scriptedFetch([
      expired,
      () => json({ documents: [{ id: 'p1' }], checkpoint }),
    ]);
    const tokens = countingTokens();
    const api = createSyncApi(fetchFn, 'http://server/', tokens);
    const page = await api.pull('products', null, 10);
    expect(page).toEqual({ documents: [{ id: 'p1' }], checkpoint });
    expect(tokens.invalidations).toBe(1);
    expect(seen).toEqual([
      {
        url: 'http://server/v1/sync/products/pull?limit=10',
        method: 'GET',
        authorization: 'Bearer token-1',
      },
      {
        url: 'http://server/v1/sync/products/pull?limit=10',
        method: 'GET',
        authorization: 'Bearer token-2',
      },
    ]);
  });

  it('gives up with the envelope code when the refreshed token is refused too', async () => {
    const { fetchFn } = scriptedFetch([expired, expired]);
    const api = createSyncApi(fetchFn, 'http://server', countingTokens());
    const failure = await api.state().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SyncHttpError);
    expect(failure).toMatchObject({ status: 401, code: 'TOKEN_EXPIRED' });
  });

  it('adds no Authorization header without a token source, and reads the quarantine count', async () => {
    const { fetchFn, seen } = scriptedFetch([() => json([], 200, { [QUARANTINED_HEADER]: '2' })]);
    const api = createSyncApi(fetchFn, 'http://server');
    const outcome = await api.push('sales', [{ newDocumentState: { id: 's1', _deleted: false } }]);
    expect(outcome).toEqual({ conflicts: [], quarantined: 2 });
    expect(seen).toEqual([
      { url: 'http://server/v1/sync/sales/push', method: 'POST', authorization: null },
    ]);
  });

  it('asks for the health of only what the query names and decodes the answer', async () => {
    const { fetchFn, seen } = scriptedFetch([
      () => json(oneSaleHealth),
      () => json({ ...oneSaleHealth, checksumAlgorithm: 'crc32' }),
    ]);
    const api = createSyncApi(fetchFn, 'http://server', countingTokens());
    const health = await api.health({ from: '2026-03-01', terminalId: 'd1', stock: false });
    expect(health).toEqual(oneSaleHealth);
    await expect(api.health()).rejects.toBeInstanceOf(z.ZodError);
    expect(seen.map((request) => request.url)).toEqual([
      'http://server/v1/sync/health?from=2026-03-01&terminalId=d1&stock=false',
      'http://server/v1/sync/health',
    ]);
  });
});
