import {
  type Clock,
  type PinEvent,
  type Permission,
  pinEventSchema,
  storeVerifiersSchema,
} from '@kiryana/shared';
import { z } from 'zod';
import { constantTimeEqual, sealVerifier } from './pin-crypto';
import { derivePinVerifierOffThread, type PinKdf } from './pin-kdf';
import {
  type Lockout,
  type PinStorage,
  type StoredPerson,
  type StoredVerifiers,
  lockoutSchema,
  storedVerifiersSchema,
} from './pin-storage';

/**
 * Cashier PINs at the counter, offline. The server issues the store's PIN verifiers on every
 * contact (`GET /v1/pins/verifiers`), sealed under this terminal's PIN key; the gate keeps them as
 * sent, checks PINs against them (scrypt over PBKDF2, then the seal), locks
 * a person after too many wrong PINs in a row, and queues every outcome for the audit log
 * (`POST /v1/pins/events`). The lockout is written before each check, so closing the window or
 * pulling the plug mid-check counts as a wrong PIN rather than a free try.
 */

/** Wrong PINs in a row that are tolerated; the next wrong one locks the person. */
export const MAX_WRONG_PINS = 5;

/** Events kept for upload at most; the oldest are dropped beyond this (a terminal offline for weeks). */
const MAX_QUEUED_EVENTS = 5_000;

/** What a manager's PIN can authorise at the counter. */
export type CounterAction = 'void' | 'refund' | 'discount';

/** A person who may use this counter, without PIN material. */
export type CounterPerson = Pick<
  StoredPerson,
  'userId' | 'displayName' | 'permissions' | 'discountLimitBp'
>;

/** The outcome of a PIN check. */
export type PinCheck =
  | { ok: true; person: CounterPerson }
  | { ok: false; reason: 'wrong'; attemptsLeft: number }
  | { ok: false; reason: 'locked' | 'unknown' | 'expired' | 'not_allowed' };

/** The permission an action needs from whoever authorises it. */
export function permissionFor(action: CounterAction): Permission {
  return action === 'discount' ? 'discounts:override' : 'voids:authorise';
}

/**
 * Whether the signed-in person needs a manager's PIN for an action: voids and refunds unless they
 * may authorise them themselves; a discount above their limit (basis points of the bill) unless they
 * may override discounts.
 */
export function needsManager(
  person: CounterPerson,
  action: CounterAction,
  discountBp = 0,
): boolean {
  if (person.permissions.includes(permissionFor(action))) return false;
  return action === 'discount' ? discountBp > person.discountLimitBp : true;
}

/** What the gate needs: storage, the PIN key from the credential, a clock and an id source. */
export type PinGateOptions = {
  readonly storage: PinStorage;
  /**
   * HMAC key from the credential's `pinKey` (`importPinKey`): the server seals verifiers under it.
   * A function when the key may still have to be fetched (a terminal enrolled before PIN keys).
   */
  readonly pinKey: CryptoKey | (() => Promise<CryptoKey>);
  readonly clock: Clock;
  /** Ids of PIN events (UUIDs; the server deduplicates uploads by them). */
  readonly newId: () => string;
  /** Derives a typed PIN's verifier; in a Web Worker by default, so the screen never freezes. */
  readonly kdf?: PinKdf;
};

/** The counter's PIN gate. */
export type PinGate = ReturnType<typeof createPinGate>;

/** Creates the PIN gate over persisted state; operations run one at a time. */
export function createPinGate(options: PinGateOptions) {
  const { storage, clock } = options;
  const derive = options.kdf ?? derivePinVerifierOffThread;
  const pinKey = (): Promise<CryptoKey> =>
    typeof options.pinKey === 'function' ? options.pinKey() : Promise.resolve(options.pinKey);
  // Set by `revoke`: a PIN contact already under way must not bring the verifiers back.
  let revoked = false;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const readVerifiers = async (): Promise<StoredVerifiers | undefined> => {
    const parsed = storedVerifiersSchema.safeParse(await storage.read('pin-verifiers'));
    return parsed.success ? parsed.data : undefined;
  };
  // A lost or damaged lockout reads as empty: whoever can edit this storage can delete it anyway.
  const readLockout = async (): Promise<Lockout> => {
    const parsed = lockoutSchema.safeParse(await storage.read('pin-lockout'));
    return parsed.success ? parsed.data : {};
  };
  const readEvents = async (): Promise<PinEvent[]> => {
    const parsed = z.array(pinEventSchema).safeParse(await storage.read('pin-events'));
    return parsed.success ? parsed.data : [];
  };
  const record = async (userId: string, kind: PinEvent['kind'], action: CounterAction | null) => {
    const events = await readEvents();
    events.push({
      id: options.newId(),
      userId,
      kind,
      action,
      at: new Date(clock.now()).toISOString(),
    });
    await storage.write('pin-events', events.slice(-MAX_QUEUED_EVENTS));
  };

  async function check(
    userId: string,
    pin: string,
    action: CounterAction | null,
  ): Promise<PinCheck> {
    const verifiers = await readVerifiers();
    if (!verifiers) return { ok: false, reason: 'unknown' };
    if (clock.now() >= verifiers.expiresAtMs) return { ok: false, reason: 'expired' };
    const person = verifiers.people.find((p) => p.userId === userId);
    if (!person) return { ok: false, reason: 'unknown' };
    const lockout = await readLockout();
    const previous = lockout[userId];
    // A new PIN from the server (a new version) starts a fresh count and lifts a lock.
    const entry =
      previous && previous.version === person.version
        ? previous
        : { failures: 0, version: person.version, lockedAtMs: null };
    if (entry.lockedAtMs !== null) return { ok: false, reason: 'locked' };
    lockout[userId] = { ...entry, failures: entry.failures + 1 };
    await storage.write('pin-lockout', lockout);

    const derived = await derive(pin, person.kdf);
    const matches = constantTimeEqual(await sealVerifier(await pinKey(), derived), person.sealed);
    const failed = action ? 'authorisation_failed' : 'sign_in_failed';
    if (!matches) {
      const failures = entry.failures + 1;
      if (failures > MAX_WRONG_PINS) {
        lockout[userId] = { ...entry, failures, lockedAtMs: clock.now() };
        await storage.write('pin-lockout', lockout);
        await record(userId, 'locked', action);
        return { ok: false, reason: 'locked' };
      }
      await record(userId, failed, action);
      return { ok: false, reason: 'wrong', attemptsLeft: MAX_WRONG_PINS - failures };
    }
    lockout[userId] = { ...entry, failures: 0 };
    await storage.write('pin-lockout', lockout);
    const { userId: id, displayName, permissions, discountLimitBp } = person;
    if (action && !permissions.includes(permissionFor(action))) {
      await record(userId, failed, action);
      return { ok: false, reason: 'not_allowed' };
    }
    await record(userId, action ? 'authorised' : 'sign_in', action);
    return { ok: true, person: { userId: id, displayName, permissions, discountLimitBp } };
  }

  return {
    /** Replaces the stored verifiers with the server's answer (already sealed for this terminal). */
    replaceVerifiers: (issued: unknown): Promise<void> =>
      serial(async () => {
        if (revoked) return;
        const answer = storeVerifiersSchema.parse(issued);
        const people: StoredPerson[] = answer.people.map((p) => ({
          userId: p.userId,
          displayName: p.displayName,
          permissions: p.permissions,
          discountLimitBp: p.discountLimitBp,
          kdf: { salt: p.kdf.salt, iterations: p.kdf.iterations, scrypt: p.kdf.scrypt },
          sealed: p.sealed,
          version: p.version,
        }));
        await storage.write('pin-verifiers', {
          storeId: answer.storeId,
          expiresAtMs: Date.parse(answer.expiresAt),
          people,
        });
      }),
    /**
     * Forgets every verifier, e.g. when the server answers DEVICE_REVOKED: nobody can sign in on
     * this terminal until it is enrolled again. The event queue is kept for upload.
     */
    forgetVerifiers: (): Promise<void> =>
      serial(async () => {
        await storage.write('pin-verifiers', null);
      }),
    /**
     * The device was revoked (its event stream said so): forgets every verifier at once and
     * ignores any verifiers that arrive later, until the terminal is started again.
     */
    revoke: (): Promise<void> =>
      serial(async () => {
        revoked = true;
        await storage.write('pin-verifiers', null);
      }),
    /** Signs a person in at the counter with their PIN. */
    signIn: (userId: string, pin: string): Promise<PinCheck> =>
      serial(() => check(userId, pin, null)),
    /** A manager's PIN authorising an action; refused unless the manager holds its permission. */
    authorise: (managerId: string, pin: string, action: CounterAction): Promise<PinCheck> =>
      serial(() => check(managerId, pin, action)),
    /** Lifts a person's lock with the PIN of someone who may authorise voids (a manager). */
    unlock: (userId: string, managerId: string, managerPin: string): Promise<PinCheck> =>
      serial(async () => {
        const manager = await check(managerId, managerPin, 'void');
        if (!manager.ok) return manager;
        const lockout = await readLockout();
        const entry = lockout[userId];
        if (entry) lockout[userId] = { ...entry, failures: 0, lockedAtMs: null };
        await storage.write('pin-lockout', lockout);
        await record(userId, 'unlocked', null);
        return manager;
      }),
    /** Whether a person is locked now (for the sign-in screen). */
    isLocked: (userId: string): Promise<boolean> =>
      serial(async () => {
        const person = (await readVerifiers())?.people.find((p) => p.userId === userId);
        const entry = (await readLockout())[userId];
        return Boolean(
          person && entry && entry.version === person.version && entry.lockedAtMs !== null,
        );
      }),
    /** The people who may sign in here, for the sign-in screen; empty when expired or never received. */
    people: (): Promise<CounterPerson[]> =>
      serial(async () => {
        const verifiers = await readVerifiers();
        if (!verifiers || clock.now() >= verifiers.expiresAtMs) return [];
        return verifiers.people.map(({ userId, displayName, permissions, discountLimitBp }) => ({
          userId,
          displayName,
          permissions,
          discountLimitBp,
        }));
      }),
    /** Events waiting for upload, oldest first. */
    pendingEvents: (): Promise<PinEvent[]> => serial(readEvents),
    /** Drops events the server confirmed. */
    acknowledgeEvents: (ids: readonly string[]): Promise<void> =>
      serial(async () => {
        const done = new Set(ids);
        await storage.write(
          'pin-events',
          (await readEvents()).filter((e) => !done.has(e.id)),
        );
      }),
  };
}

/**
 * Uploads queued PIN events in batches through `post` (the terminal's authenticated POST to
 * `/v1/pins/events`) and drops each batch once the server took it. Returns how many were sent.
 */
export async function uploadPinEvents(
  gate: PinGate,
  post: (events: PinEvent[]) => Promise<void>,
): Promise<number> {
  let sent = 0;
  for (;;) {
    const batch = (await gate.pendingEvents()).slice(0, 500);
    if (batch.length === 0) return sent;
    await post(batch);
    await gate.acknowledgeEvents(batch.map((e) => e.id));
    sent += batch.length;
  }
}
