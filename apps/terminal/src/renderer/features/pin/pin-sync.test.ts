import { addRxPlugin, createRxDatabase, type RxDatabase } from 'rxdb/plugins/core';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_PIN_KEY, issueTestVerifiers } from '../../testing/issue-verifiers';
import { importPinKey } from './pin-crypto';
import { type PinGate, createPinGate } from './pin-gate';
import { rxdbPinStorage } from './pin-storage';
import { syncPins } from './pin-sync';

addRxPlugin(RxDBLocalDocumentsPlugin);

const NOW_MS = Date.UTC(2026, 3, 1, 4, 30);

function verifiersFor(pin: string) {
  return issueTestVerifiers({
    issuedAtMs: NOW_MS,
    expiresAtMs: NOW_MS + 86_400_000,
    people: [{ userId: 'asha', displayName: 'Asha', pin, permissions: ['sales:create'] }],
  });
}

const envelope = (code: string) => JSON.stringify({ error: { code, message: code } });

describe('syncPins', () => {
  let db: RxDatabase;
  let gate: PinGate;
  const requests: string[] = [];
  let revoked = false;
  let tokenExpired = false;
  let strangers = new Set<string>();
  const tokens = {
    get: () => Promise.resolve(tokenExpired ? 'old' : 'fresh'),
    invalidate: () => {
      tokenExpired = false;
    },
  };
  // The server's side of the two endpoints, as the sync server answers them.
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const auth = new Headers(init?.headers).get('authorization');
    requests.push(`${init?.method ?? 'GET'} ${url.replace('http://server', '')} ${auth ?? ''}`);
    if (revoked) return new Response(envelope('DEVICE_REVOKED'), { status: 401 });
    if (auth !== 'Bearer fresh') return new Response(envelope('TOKEN_EXPIRED'), { status: 401 });
    if (url.endsWith('/v1/pins/verifiers')) return Response.json(await verifiersFor('4827'));
    const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as {
      events: { userId: string }[];
    };
    const refused = [...new Set(body.events.map((e) => e.userId))].filter((u) => strangers.has(u));
    if (refused.length > 0) {
      return Response.json(
        { error: { code: 'PIN_EVENT_REFUSED', message: 'refused', details: { userIds: refused } } },
        { status: 403 },
      );
    }
    accepted.push(...body.events.map((e) => e.userId));
    return Response.json({ recorded: body.events.length });
  }) as typeof fetch;

  const accepted: string[] = [];
  beforeEach(async () => {
    requests.length = 0;
    accepted.length = 0;
    strangers = new Set();
    revoked = false;
    db = await createRxDatabase({
      name: 'pin-sync',
      storage: getRxStorageMemory(),
      localDocuments: true,
      multiInstance: false,
    });
    let n = 0;
    gate = createPinGate({
      storage: rxdbPinStorage(db),
      pinKey: await importPinKey(TEST_PIN_KEY),
      clock: { now: () => NOW_MS },
      newId: () => `00000000-0000-7000-8000-${String((n += 1)).padStart(12, '0')}`,
    });
  });
  afterEach(async () => {
    await db.remove();
  });

  it('uploads queued events, then replaces the verifiers, refreshing an expired token once', async () => {
    expect((await syncPins({ gate, fetchFn, serverUrl: 'http://server', tokens })).verifiers).toBe(
      'replaced',
    );
    expect((await gate.signIn('asha', '4827')).ok).toBe(true);
    tokenExpired = true;
    expect(await syncPins({ gate, fetchFn, serverUrl: 'http://server/', tokens })).toEqual({
      verifiers: 'replaced',
      uploaded: 1,
    });
    expect(requests.slice(1)).toEqual([
      'GET /v1/pins/verifiers Bearer old',
      'GET /v1/pins/verifiers Bearer fresh',
      'POST /v1/pins/events Bearer fresh',
    ]);
    expect(await gate.pendingEvents()).toEqual([]);
  });

  it('drops events the server can never accept (people this device never received) and sends the rest', async () => {
    await syncPins({ gate, fetchFn, serverUrl: 'http://server', tokens });
    await gate.signIn('asha', '0000');
    await gate.signIn('asha', '4827');
    // As if queued before an upgrade about someone this store's terminals no longer receive.
    await rxdbPinStorage(db).write('pin-events', [
      ...(await gate.pendingEvents()),
      {
        id: '00000000-0000-7000-8000-000000000099',
        userId: 'meera',
        kind: 'sign_in',
        action: null,
        at: new Date(NOW_MS).toISOString(),
      },
    ]);
    strangers = new Set(['meera']);
    expect(await syncPins({ gate, fetchFn, serverUrl: 'http://server', tokens })).toEqual({
      verifiers: 'replaced',
      uploaded: 3,
    });
    expect(accepted).toEqual(['asha', 'asha']);
    expect(await gate.pendingEvents()).toEqual([]);
  });

  it('forgets every verifier when the server says the device was revoked', async () => {
    await syncPins({ gate, fetchFn, serverUrl: 'http://server', tokens });
    revoked = true;
    expect(await syncPins({ gate, fetchFn, serverUrl: 'http://server', tokens })).toEqual({
      verifiers: 'forgotten',
      uploaded: 0,
    });
    expect(await gate.signIn('asha', '4827')).toEqual({ ok: false, reason: 'unknown' });
  });
});
