import { describe, expect, it } from 'vitest';
import { createAccessTokens, enrollDevice } from './device-api';
import { SyncHttpError, type FetchLike } from './sync-http';

/** The URL a fetch was called with. */
const requestUrl = (input: RequestInfo | URL): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

const credential = {
  serverUrl: 'http://server',
  deviceId: 'dev-1',
  deviceSecret: 'secret-1',
};

/** A token endpoint handing out `token-<n>` that lives `expiresInSec`, counting the calls. */
function tokenServer(expiresInSec: number): { fetchFn: FetchLike; calls: () => number } {
  let calls = 0;
  const fetchFn: FetchLike = (input, init) => {
    calls += 1;
    expect(requestUrl(input)).toBe('http://server/v1/devices/token');
    expect(JSON.parse(typeof init?.body === 'string' ? init.body : '')).toEqual({
      deviceId: 'dev-1',
      secret: 'secret-1',
    });
    const body = {
      accessToken: `token-${String(calls)}`,
      tokenType: 'Bearer',
      expiresIn: expiresInSec,
      expiresAt: '2026-03-10T10:15:00.000Z',
    };
    return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
  };
  return { fetchFn, calls: () => calls };
}

describe('createAccessTokens', () => {
  it('keeps a token until a minute before it expires, then fetches a new one', async () => {
    const server = tokenServer(900);
    let nowMs = 1_000_000;
    const tokens = createAccessTokens(server.fetchFn, credential, { now: () => nowMs });
    expect(await tokens.get()).toBe('token-1');
    nowMs += 839_000;
    expect(await tokens.get()).toBe('token-1');
    nowMs += 1_000;
    expect(await tokens.get()).toBe('token-2');
    expect(server.calls()).toBe(2);
  });

  it('shares one request between callers, and fetches again after invalidate', async () => {
    const server = tokenServer(900);
    const tokens = createAccessTokens(server.fetchFn, credential, { now: () => 0 });
    expect(await Promise.all([tokens.get(), tokens.get(), tokens.get()])).toEqual([
      'token-1',
      'token-1',
      'token-1',
    ]);
    tokens.invalidate();
    expect(await tokens.get()).toBe('token-2');
    expect(server.calls()).toBe(2);
  });
});

describe('enrollDevice', () => {
  it('sends the trimmed code and keeps the server URL without its trailing slash', async () => {
    const answer = {
      deviceId: 'dev-1',
      deviceSecret: 'secret-1',
      pinKey: 'pin-key-1',
      storeId: 'store-a',
      storeCode: 'BLR1',
      regionId: 'r1',
      terminalCode: 'T1',
    };
    const fetchFn: FetchLike = (input, init) => {
      expect(requestUrl(input)).toBe('http://server/v1/devices/enroll');
      expect(JSON.parse(typeof init?.body === 'string' ? init.body : '')).toEqual({
        code: 'ABCD-1234',
        terminalName: 'Till 1',
      });
      return Promise.resolve(new Response(JSON.stringify(answer), { status: 201 }));
    };
    const enrolled = await enrollDevice(fetchFn, 'http://server//', '  ABCD-1234 ', 'Till 1');
    expect(enrolled).toMatchObject({ ...answer, serverUrl: 'http://server' });
  });

  it('fails with the code of the error envelope', async () => {
    const fetchFn: FetchLike = () =>
      Promise.resolve(
        new Response(
          JSON.stringify({ error: { code: 'ENROLMENT_CODE_INVALID', message: 'Unknown code.' } }),
          { status: 400 },
        ),
      );
    const failure = await enrollDevice(fetchFn, 'http://server', 'x', 'Till').catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(SyncHttpError);
    expect(failure).toMatchObject({ status: 400, code: 'ENROLMENT_CODE_INVALID' });
  });
});
