import type { DeviceCredential } from '@kiryana/sync-client';
import { describe, expect, it } from 'vitest';
import { TEST_PIN_KEY } from '../testing/issue-verifiers';
import { createPinKeySource } from './pin-key';

const CREDENTIAL: DeviceCredential = {
  serverUrl: 'http://server',
  deviceId: 'd1',
  deviceSecret: 'secret-1',
  storeId: 's1',
  storeCode: 'BLR1',
  regionId: 'r1',
  terminalCode: 'T1',
};

describe('createPinKeySource', () => {
  it('fetches the key of a credential from before PIN keys once, with the credential, and saves it', async () => {
    const calls: string[] = [];
    const saved: DeviceCredential[] = [];
    let online = false;
    const source = createPinKeySource({
      credential: CREDENTIAL,
      fetchFn: ((url: string, init?: RequestInit) => {
        calls.push(
          `${init?.method ?? 'GET'} ${url} ${typeof init?.body === 'string' ? init.body : ''}`,
        );
        if (!online) return Promise.reject(new TypeError('offline'));
        return Promise.resolve(Response.json({ pinKey: TEST_PIN_KEY }));
      }) as typeof fetch,
      save: (credential) => {
        saved.push(credential);
        return Promise.resolve();
      },
    });
    await expect(source.get()).rejects.toThrow('offline');
    online = true;
    const key = await source.get();
    expect(await source.get()).toBe(key);
    expect(calls).toEqual([
      'POST http://server/v1/devices/pin-key {"deviceId":"d1","secret":"secret-1"}',
      'POST http://server/v1/devices/pin-key {"deviceId":"d1","secret":"secret-1"}',
    ]);
    expect(saved).toEqual([{ ...CREDENTIAL, pinKey: TEST_PIN_KEY }]);
  });

  it('uses the key a credential carries from enrolment without asking the server', async () => {
    const source = createPinKeySource({
      credential: { ...CREDENTIAL, pinKey: TEST_PIN_KEY },
      fetchFn: () => Promise.reject(new Error('no call expected')),
      save: () => Promise.reject(new Error('no save expected')),
    });
    expect((await source.get()).algorithm).toMatchObject({ name: 'HMAC' });
  });

  it('forgets the key of a revoked device: no key in memory, none saved, none fetched again', async () => {
    const saved: DeviceCredential[] = [];
    let fetches = 0;
    const source = createPinKeySource({
      credential: { ...CREDENTIAL, pinKey: TEST_PIN_KEY },
      fetchFn: () => {
        fetches += 1;
        return Promise.resolve(Response.json({ pinKey: TEST_PIN_KEY }));
      },
      save: (credential) => {
        saved.push(credential);
        return Promise.resolve();
      },
    });
    await source.get();
    await source.forget();
    expect(saved).toEqual([CREDENTIAL]);
    await expect(source.get()).rejects.toThrow('revoked');
    expect(fetches).toBe(0);
  });
});
