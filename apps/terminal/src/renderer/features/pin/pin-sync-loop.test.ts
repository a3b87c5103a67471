import { addRxPlugin, createRxDatabase, type RxDatabase } from 'rxdb/plugins/core';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_PIN_KEY, issueTestVerifiers } from '../../testing/issue-verifiers';
import { importPinKey } from './pin-crypto';
import { type PinGate, createPinGate } from './pin-gate';
import { rxdbPinStorage } from './pin-storage';
import { startPinSync } from './pin-sync-loop';

addRxPlugin(RxDBLocalDocumentsPlugin);

const NOW_MS = Date.UTC(2026, 3, 1, 4, 30);

function issued() {
  return issueTestVerifiers({
    issuedAtMs: NOW_MS,
    expiresAtMs: NOW_MS + 86_400_000,
    people: [{ userId: 'asha', displayName: 'Asha', pin: '4827', permissions: ['sales:create'] }],
  });
}

describe('startPinSync', () => {
  let db: RxDatabase;
  let gate: PinGate;
  let nowMs = NOW_MS;
  let contacts = 0;
  let offline = false;
  const fetchFn = (async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (offline) throw new TypeError('Failed to fetch');
    if (url.endsWith('/v1/pins/verifiers')) {
      contacts += 1;
      return Response.json(await issued());
    }
    return Response.json({ recorded: 0 });
  }) as typeof fetch;
  const tokens = { get: () => Promise.resolve('fresh'), invalidate: () => undefined };

  beforeEach(async () => {
    contacts = 0;
    offline = false;
    nowMs = NOW_MS;
    db = await createRxDatabase({
      name: `pin-loop-${String(Math.random()).slice(2)}`,
      storage: getRxStorageMemory(),
      localDocuments: true,
    });
    gate = createPinGate({
      storage: rxdbPinStorage(db),
      pinKey: await importPinKey(TEST_PIN_KEY),
      clock: { now: () => nowMs },
      newId: () => crypto.randomUUID(),
    });
  });
  afterEach(async () => {
    await db.close();
  });

  it('fetches verifiers at start and again on a sync cycle ten seconds later, not sooner', async () => {
    const cycles = new Subject<unknown>();
    const loop = startPinSync({
      gate,
      fetchFn,
      serverUrl: 'http://server',
      tokens,
      cycles$: cycles,
      now: () => nowMs,
    });
    await expect.poll(() => contacts).toBe(1);
    await expect.poll(async () => (await gate.people()).map((p) => p.userId)).toEqual(['asha']);
    nowMs += 5_000;
    cycles.next(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(contacts).toBe(1);
    nowMs += 5_000;
    cycles.next(2);
    await expect.poll(() => contacts).toBe(2);
    loop.stop();
    nowMs += 60_000;
    cycles.next(3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(contacts).toBe(2);
  });

  it('keeps the stored verifiers when the server cannot be reached', async () => {
    await gate.replaceVerifiers(await issued());
    offline = true;
    const loop = startPinSync({
      gate,
      fetchFn,
      serverUrl: 'http://server',
      tokens,
      cycles$: new Subject<unknown>(),
      now: () => nowMs,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    loop.stop();
    expect((await gate.signIn('asha', '4827')).ok).toBe(true);
  });
});
