import { createUuidV7Generator } from '@kiryana/shared';
import { addRxPlugin, createRxDatabase, type RxDatabase, type RxStorage } from 'rxdb/plugins/core';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_PIN_KEY, type TestPerson, issueTestVerifiers } from '../../testing/issue-verifiers';
import { derivePinVerifier, importPinKey, toBase64Url } from './pin-crypto';
import {
  MAX_WRONG_PINS,
  type PinGate,
  createPinGate,
  needsManager,
  uploadPinEvents,
} from './pin-gate';
import { rxdbPinStorage, storedVerifiersSchema } from './pin-storage';

addRxPlugin(RxDBLocalDocumentsPlugin);

const START_MS = Date.UTC(2026, 3, 1, 4, 30);

/** The server's answer for a store: verifiers of the given PINs sealed under this terminal's key. */
function issued(people: TestPerson[], expiresAtMs = START_MS + 7 * 86_400_000) {
  return issueTestVerifiers({ issuedAtMs: START_MS, expiresAtMs, people });
}

const CASHIER = { userId: 'asha', pin: '4827', permissions: ['sales:create', 'returns:create'] };
const MANAGER = {
  userId: 'ravi',
  pin: '739164',
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

  async function open(pinKey = TEST_PIN_KEY): Promise<void> {
    db = await createRxDatabase({
      name: 'pin-terminal',
      storage,
      localDocuments: true,
      multiInstance: false,
    });
    gate = createPinGate({
      storage: rxdbPinStorage(db),
      pinKey: await importPinKey(pinKey),
      clock,
      newId,
    });
  }
  /** Closes and reopens the database, as a reload or restart of the terminal would. */
  async function reload(pinKey?: string): Promise<void> {
    await db.close();
    await open(pinKey);
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

  it('signs in with the right PIN and keeps nothing that confirms a guess without the PIN key', async () => {
    expect(await gate.signIn('asha', '4827')).toEqual({
      ok: true,
      person: {
        userId: 'asha',
        displayName: 'ASHA',
        permissions: ['sales:create', 'returns:create'],
        discountLimitBp: 500,
      },
    });
    const stored = storedVerifiersSchema.parse(await rxdbPinStorage(db).read('pin-verifiers'));
    // The right PIN's verifier, which anyone with the stored KDF parameters can compute, is not
    // in storage: only HMAC(PIN key, verifier) is, and the key lives in the credential.
    const asha = stored.people.find((p) => p.userId === 'asha');
    if (!asha) throw new Error('not stored');
    const verifier = toBase64Url(await derivePinVerifier('4827', asha.kdf));
    expect(JSON.stringify(stored)).not.toContain(verifier);
    expect((await gate.pendingEvents()).map((e) => [e.userId, e.kind])).toEqual([
      ['asha', 'sign_in'],
    ]);
  });

  it('forgets every verifier when revoked, and a PIN contact still under way cannot bring them back', async () => {
    const late = await issued([CASHIER, MANAGER]);
    await gate.signIn('asha', '9999');
    await gate.revoke();
    await gate.replaceVerifiers(late);
    expect(await gate.people()).toEqual([]);
    expect(await gate.signIn('asha', '4827')).toEqual({ ok: false, reason: 'unknown' });
    // The wrong PIN before the revocation is still queued for the audit log.
    expect((await gate.pendingEvents()).map((e) => e.kind)).toEqual(['sign_in_failed']);
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
    expect(await gate.signIn('asha', '4827')).toEqual({ ok: false, reason: 'locked' });
    await reload();
    expect(await gate.isLocked('asha')).toBe(true);
    expect(await gate.signIn('asha', '4827')).toEqual({ ok: false, reason: 'locked' });
    expect((await gate.signIn('ravi', '739164')).ok).toBe(true);
    await gate.replaceVerifiers(await issued([{ ...CASHIER, pin: '6203', version: 2 }, MANAGER]));
    expect(await gate.signIn('asha', '4827')).toEqual({
      ok: false,
      reason: 'wrong',
      attemptsLeft: MAX_WRONG_PINS - 1,
    });
    expect((await gate.signIn('asha', '6203')).ok).toBe(true);
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
    expect((await gate.signIn('asha', '4827')).ok).toBe(true);
    for (let i = 0; i < MAX_WRONG_PINS; i += 1) await gate.signIn('asha', '0000');
    expect(await gate.signIn('asha', '0000')).toEqual({ ok: false, reason: 'locked' });
    expect(await gate.unlock('asha', 'asha', '4827')).toEqual({ ok: false, reason: 'locked' });
    expect((await gate.unlock('asha', 'ravi', '739164')).ok).toBe(true);
    expect((await gate.signIn('asha', '4827')).ok).toBe(true);
  });

  it('asks for a manager’s PIN for voids, refunds and discounts above the limit', async () => {
    const cashier = await gate.signIn('asha', '4827');
    if (!cashier.ok) throw new Error('sign-in failed');
    expect([
      needsManager(cashier.person, 'void'),
      needsManager(cashier.person, 'refund'),
      needsManager(cashier.person, 'discount', 500),
      needsManager(cashier.person, 'discount', 501),
    ]).toEqual([true, true, false, true]);
    expect(await gate.authorise('asha', '4827', 'void')).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
    expect(await gate.authorise('ravi', '0000', 'refund')).toEqual({
      ok: false,
      reason: 'wrong',
      attemptsLeft: MAX_WRONG_PINS - 1,
    });
    const manager = await gate.authorise('ravi', '739164', 'discount');
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
    expect(await gate.signIn('asha', '4827')).toEqual({ ok: false, reason: 'expired' });
    expect(await gate.people()).toEqual([]);
    nowMs = START_MS;
    await reload(toBase64Url(new Uint8Array(32).fill(9)));
    expect(await gate.signIn('asha', '4827')).toEqual({
      ok: false,
      reason: 'wrong',
      attemptsLeft: MAX_WRONG_PINS - 1,
    });
    expect(await gate.signIn('nobody', '4827')).toEqual({ ok: false, reason: 'unknown' });
    await gate.forgetVerifiers();
    expect(await gate.signIn('ravi', '739164')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('signs in with a 6-digit PIN end to end and tells it from its 4-digit prefix', async () => {
    expect((await gate.signIn('ravi', '7391')).ok).toBe(false);
    const manager = await gate.authorise('ravi', '739164', 'void');
    expect(manager.ok).toBe(true);
    expect((await gate.signIn('ravi', '739164')).ok).toBe(true);
  });

  it('uploads queued events in batches and forgets what the server took', async () => {
    await gate.signIn('asha', '4827');
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
