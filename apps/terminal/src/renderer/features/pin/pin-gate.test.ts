import { createUuidV7Generator } from '@kiryana/shared';
import { addRxPlugin, createRxDatabase, type RxDatabase, type RxStorage } from 'rxdb/plugins/core';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { derivePepperKey, derivePinBytes, toBase64Url } from './pin-crypto';
import {
  MAX_WRONG_PINS,
  type PinGate,
  createPinGate,
  needsManager,
  uploadPinEvents,
} from './pin-gate';
import { rxdbPinStorage } from './pin-storage';

addRxPlugin(RxDBLocalDocumentsPlugin);

const DEVICE_SECRET = 'device-secret-of-counter-1';
const START_MS = Date.UTC(2026, 3, 1, 4, 30);
const ITERATIONS = 10_000;

/** The server's answer for a store: PBKDF2 verifiers of the given PINs (as the server derives them). */
async function issued(
  people: { userId: string; pin: string; permissions: string[]; version?: number }[],
  expiresAtMs = START_MS + 7 * 86_400_000,
) {
  return {
    storeId: 's1',
    issuedAt: new Date(START_MS).toISOString(),
    expiresAt: new Date(expiresAtMs).toISOString(),
    people: await Promise.all(
      people.map(async (p) => {
        const salt = toBase64Url(new TextEncoder().encode(`salt-${p.userId}`));
        return {
          userId: p.userId,
          displayName: p.userId.toUpperCase(),
          permissions: p.permissions,
          discountLimitBp: 500,
          kdf: { name: 'PBKDF2' as const, hash: 'SHA-256' as const, iterations: ITERATIONS, salt },
          verifier: toBase64Url(await derivePinBytes(p.pin, salt, ITERATIONS)),
          version: p.version ?? 1,
        };
      }),
    ),
  };
}

const CASHIER = { userId: 'asha', pin: '1111', permissions: ['sales:create', 'returns:create'] };
const MANAGER = {
  userId: 'ravi',
  pin: '2222',
  permissions: ['sales:create', 'returns:create', 'voids:authorise', 'discounts:override'],
};

describe('PIN gate', () => {
  let storage: RxStorage<unknown, unknown>;
  let db: RxDatabase;
  let gate: PinGate;
  let nowMs = START_MS;
  let counter = 0;
  const clock = { now: () => nowMs };
  const newId = createUuidV7Generator({
    clock,
    random: (bytes) => {
      counter += 1;
      bytes.fill(counter % 256);
    },
  });

  async function open(deviceSecret = DEVICE_SECRET): Promise<void> {
    db = await createRxDatabase({
      name: 'pin-terminal',
      storage,
      localDocuments: true,
      multiInstance: false,
    });
    gate = createPinGate({
      storage: rxdbPinStorage(db),
      pepperKey: await derivePepperKey(deviceSecret),
      clock,
      newId,
    });
  }
  /** Closes and reopens the database, as a reload or restart of the terminal would. */
  async function reload(deviceSecret?: string): Promise<void> {
    await db.close();
    await open(deviceSecret);
  }

  beforeEach(async () => {
    nowMs = START_MS;
    storage = getRxStorageMemory();
    await open();
    await gate.replaceVerifiers(await issued([CASHIER, MANAGER]));
  });
  afterEach(async () => {
    await db.remove();
  });

  it('signs in with the right PIN and keeps no verifier the server sent', async () => {
    expect(await gate.signIn('asha', '1111')).toEqual({
      ok: true,
      person: {
        userId: 'asha',
        displayName: 'ASHA',
        permissions: ['sales:create', 'returns:create'],
        discountLimitBp: 500,
      },
    });
    const stored = JSON.stringify((await db.getLocal('pin-verifiers'))?.toJSON());
    const sent = await issued([CASHIER, MANAGER]);
    for (const person of sent.people) expect(stored).not.toContain(person.verifier);
    expect((await gate.pendingEvents()).map((e) => [e.userId, e.kind])).toEqual([
      ['asha', 'sign_in'],
    ]);
  });

  it('locks on the 6th wrong PIN in a row, also after a reload, until a new PIN arrives', async () => {
    for (let i = 1; i <= MAX_WRONG_PINS; i += 1) {
      expect(await gate.signIn('asha', '9999')).toEqual({
        ok: false,
        reason: 'wrong',
        attemptsLeft: MAX_WRONG_PINS - i,
      });
      if (i === 3) await reload();
    }
    expect(await gate.signIn('asha', '9999')).toEqual({ ok: false, reason: 'locked' });
    expect(await gate.signIn('asha', '1111')).toEqual({ ok: false, reason: 'locked' });
    await reload();
    expect(await gate.isLocked('asha')).toBe(true);
    expect(await gate.signIn('asha', '1111')).toEqual({ ok: false, reason: 'locked' });
    expect((await gate.signIn('ravi', '2222')).ok).toBe(true);
    await gate.replaceVerifiers(await issued([{ ...CASHIER, pin: '4444', version: 2 }, MANAGER]));
    expect(await gate.signIn('asha', '1111')).toEqual({
      ok: false,
      reason: 'wrong',
      attemptsLeft: MAX_WRONG_PINS - 1,
    });
    expect((await gate.signIn('asha', '4444')).ok).toBe(true);
    expect(
      (await gate.pendingEvents()).filter((e) => e.userId === 'asha').map((e) => e.kind),
    ).toEqual([
      'sign_in_failed',
      'sign_in_failed',
      'sign_in_failed',
      'sign_in_failed',
      'sign_in_failed',
      'locked',
      'sign_in_failed',
      'sign_in',
    ]);
  });

  it('counts only wrong PINs in a row, and a manager can lift a lock', async () => {
    for (let i = 0; i < MAX_WRONG_PINS; i += 1) await gate.signIn('asha', '0000');
    expect((await gate.signIn('asha', '1111')).ok).toBe(true);
    for (let i = 0; i < MAX_WRONG_PINS; i += 1) await gate.signIn('asha', '0000');
    expect(await gate.signIn('asha', '0000')).toEqual({ ok: false, reason: 'locked' });
    expect(await gate.unlock('asha', 'asha', '1111')).toEqual({ ok: false, reason: 'locked' });
    expect((await gate.unlock('asha', 'ravi', '2222')).ok).toBe(true);
    expect((await gate.signIn('asha', '1111')).ok).toBe(true);
  });

  it('asks for a manager’s PIN for voids, refunds and discounts above the limit', async () => {
    const cashier = await gate.signIn('asha', '1111');
    if (!cashier.ok) throw new Error('sign-in failed');
    expect([
      needsManager(cashier.person, 'void'),
      needsManager(cashier.person, 'refund'),
      needsManager(cashier.person, 'discount', 500),
      needsManager(cashier.person, 'discount', 501),
    ]).toEqual([true, true, false, true]);
    expect(await gate.authorise('asha', '1111', 'void')).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
    expect(await gate.authorise('ravi', '0000', 'refund')).toEqual({
      ok: false,
      reason: 'wrong',
      attemptsLeft: MAX_WRONG_PINS - 1,
    });
    const manager = await gate.authorise('ravi', '2222', 'discount');
    expect(manager.ok).toBe(true);
    if (manager.ok) expect(needsManager(manager.person, 'void')).toBe(false);
    expect((await gate.pendingEvents()).map((e) => [e.userId, e.kind, e.action])).toEqual([
      ['asha', 'sign_in', null],
      ['asha', 'authorisation_failed', 'void'],
      ['ravi', 'authorisation_failed', 'refund'],
      ['ravi', 'authorised', 'discount'],
    ]);
  });

  it('refuses expired, forgotten and other terminals’ verifiers', async () => {
    nowMs = START_MS + 7 * 86_400_000;
    expect(await gate.signIn('asha', '1111')).toEqual({ ok: false, reason: 'expired' });
    expect(await gate.people()).toEqual([]);
    nowMs = START_MS;
    await reload('a-different-device-secret');
    expect(await gate.signIn('asha', '1111')).toEqual({
      ok: false,
      reason: 'wrong',
      attemptsLeft: MAX_WRONG_PINS - 1,
    });
    expect(await gate.signIn('nobody', '1111')).toEqual({ ok: false, reason: 'unknown' });
    await gate.forgetVerifiers();
    expect(await gate.signIn('ravi', '2222')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('uploads queued events in batches and forgets what the server took', async () => {
    await gate.signIn('asha', '1111');
    await gate.signIn('ravi', '0000');
    const uploaded: string[][] = [];
    expect(
      await uploadPinEvents(gate, (events) => {
        uploaded.push(events.map((e) => e.kind));
        return Promise.resolve();
      }),
    ).toBe(2);
    expect(uploaded).toEqual([['sign_in', 'sign_in_failed']]);
    expect(await gate.pendingEvents()).toEqual([]);
  });
});
