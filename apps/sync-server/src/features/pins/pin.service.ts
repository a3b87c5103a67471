import {
  type AccessScope,
  AppError,
  type Actor,
  type Clock,
  type IssuedVerifier,
  type PinEvent,
  type StoreVerifiers,
  type Permission,
  type RoleGrant,
  can,
  pinProblem,
} from '@kiryana/shared';
import { scopeTarget } from '../../auth/access-target';
import type { DevicePrincipal } from '../../auth/principal';
import { auditActorOf } from '../../db/audit-actor';
import type { Db, Queryable } from '../../db/db';
import { appendAudit } from '../../db/audit-append';
import {
  PIN_SCRYPT,
  type PinVerifier,
  type ScryptCost,
  derivePinVerifier,
  newPinKey,
  sealVerifier,
  wrapLegacyVerifier,
} from './pin-kdf';
import { insertCounterAssignment } from './counter-staff.queries';
import { insertPinKey, pinKeyOfDevice } from './pin-key.queries';
import {
  claimPinEvents,
  foreignCashiers,
  peopleNotIssued,
  pinsOfStore,
  recordVerifierIssues,
  saveWrappedVerifier,
  upsertPin,
} from './pin.queries';

/** What the PIN services need. */
export type PinServiceDeps = {
  readonly db: Db;
  readonly clock: Clock;
  /** How long a terminal may use issued verifiers without contacting the server again. */
  readonly verifierTtlMs: number;
  /** scrypt cost of new and wrapped verifiers; `PIN_SCRYPT` unless a test makes it cheap. */
  readonly scrypt?: ScryptCost;
  /**
   * A person's role grants, read in the caller's transaction: identity's `grantsOfUser`, handed in
   * by identity, which mounts the PIN routes. People are identity's, and PINs build on them
   * without importing identity (identity imports pins; the arrow points one way).
   */
  readonly grantsOf: (q: Queryable, userId: string) => Promise<{ grants: readonly RoleGrant[] }>;
};

/** The counter permissions a verifier carries, decided by the shared `can` for the store. */
const COUNTER_PERMISSIONS: readonly Permission[] = [
  'sales:create',
  'returns:create',
  'voids:authorise',
  'discounts:override',
];

/**
 * Sets a person's PIN: themselves, or someone who may manage users where that person works. The
 * PIN itself is never stored or logged, only its verifier.
 */
export async function setPin(
  deps: PinServiceDeps,
  actor: Actor,
  userId: string,
  pin: string,
): Promise<{ version: number }> {
  const problem = pinProblem(pin);
  if (problem === 'format') {
    throw new AppError('VALIDATION_FAILED', 'A PIN is 4 to 6 digits.', {
      fields: [{ path: 'pin', message: '4 to 6 digits' }],
    });
  }
  if (problem === 'trivial') {
    throw new AppError(
      'PIN_TOO_WEAK',
      'This PIN is too easy to guess (one digit repeated, or a run such as 1234); choose another.',
    );
  }
  const verifier = await derivePinVerifier(pin, deps.scrypt ?? PIN_SCRYPT);
  return deps.db.transaction(async (tx) => {
    const { grants } = await deps.grantsOf(tx, userId);
    const targets = await Promise.all(grants.map((g) => scopeTarget(tx, g.scope)));
    const mayManage = targets.some((target) => can(actor, 'users:manage', target));
    if (actor.id !== userId && !mayManage) throw new AppError('NOT_FOUND', 'No such user.');
    if (grants.length === 0) throw new AppError('NOT_FOUND', 'No such user.');
    const version = await upsertPin(tx, userId, verifier, deps.clock.now());
    const storeScope = grants.find(
      (g): g is { role: typeof g.role; scope: Extract<AccessScope, { kind: 'store' }> } =>
        g.scope.kind === 'store',
    );
    await appendAudit(tx, {
      kind: 'pin.changed',
      actor: auditActorOf(actor),
      storeId: storeScope?.scope.storeId ?? null,
      subject: userId,
      data: { version },
      atMs: deps.clock.now(),
    });
    return { version };
  });
}

/**
 * The PIN verifiers of the people assigned to the device's store's counters, sealed under the
 * device's PIN key; the store comes from the device credential only. A bare PBKDF2 verifier from
 * before scrypt is wrapped here, once, the first time it is issued.
 */
export async function issueStoreVerifiers(
  deps: PinServiceDeps,
  device: DevicePrincipal,
): Promise<StoreVerifiers> {
  const pinKey = await pinKeyOfDevice(deps.db, device.deviceId);
  if (pinKey === undefined) {
    throw new AppError(
      'PIN_KEY_MISSING',
      'This terminal has no PIN key yet; fetch it once with POST /v1/devices/pin-key.',
    );
  }
  const nowMs = deps.clock.now();
  const target = { storeId: device.storeId, regionId: device.regionId };
  const people: IssuedVerifier[] = [];
  for (const row of await pinsOfStore(deps.db, device.storeId)) {
    const actor: Actor = {
      id: row.userId,
      kind: 'user',
      grants: row.roles.map((r) => ({
        role: r.role,
        scope:
          r.scopeKind === 'store'
            ? { kind: 'store', storeId: r.storeId ?? '' }
            : r.scopeKind === 'region'
              ? { kind: 'region', regionId: r.regionId ?? '' }
              : { kind: 'all' },
      })),
    };
    const permissions = COUNTER_PERMISSIONS.filter((p) => can(actor, p, target));
    if (!permissions.includes('sales:create') && !permissions.includes('voids:authorise')) continue;
    let pin: PinVerifier;
    if (row.scrypt) pin = { ...row, scrypt: row.scrypt };
    else {
      pin = await wrapLegacyVerifier(row, deps.scrypt ?? PIN_SCRYPT);
      await saveWrappedVerifier(deps.db, row.userId, row.version, pin);
    }
    people.push({
      userId: row.userId,
      displayName: row.displayName,
      permissions,
      discountLimitBp: row.discountLimitBp,
      kdf: {
        name: 'PBKDF2-SHA256+scrypt',
        iterations: pin.iterations,
        salt: pin.salt,
        scrypt: pin.scrypt,
      },
      sealed: sealVerifier(pinKey, pin.verifier),
      version: row.version,
    });
  }
  await recordVerifierIssues(
    deps.db,
    device.storeId,
    device.deviceId,
    people.map((p) => p.userId),
    nowMs,
  );
  return {
    storeId: device.storeId,
    issuedAt: new Date(nowMs).toISOString(),
    expiresAt: new Date(nowMs + deps.verifierTtlMs).toISOString(),
    people,
  };
}

/**
 * Appends uploaded PIN events to the store's audit chain, each once however often it is sent. An
 * upload naming anyone whose verifier this device never received is refused whole, before anything
 * is written: a terminal cannot log sign-ins of another store's staff, or of nobody.
 */
export async function recordPinEvents(
  deps: PinServiceDeps,
  device: DevicePrincipal,
  events: readonly PinEvent[],
): Promise<{ recorded: number }> {
  return deps.db.transaction(async (tx) => {
    const strangers = await peopleNotIssued(
      tx,
      device.storeId,
      device.deviceId,
      events.map((e) => e.userId),
    );
    if (strangers.length > 0) {
      throw new AppError(
        'PIN_EVENT_REFUSED',
        'PIN events may name only people whose PIN this terminal received.',
        { userIds: strangers },
      );
    }
    const fresh = await claimPinEvents(
      tx,
      device.storeId,
      device.deviceId,
      events.map((e) => e.id),
    );
    const nowMs = deps.clock.now();
    let recorded = 0;
    for (const event of events) {
      if (!fresh.has(event.id)) continue;
      fresh.delete(event.id);
      recorded += 1;
      await appendAudit(tx, {
        kind: `pin.${event.kind}`,
        actor: `device:${device.deviceId}`,
        storeId: device.storeId,
        subject: event.userId,
        data: {
          eventId: event.id,
          action: event.action,
          terminalAt: event.at,
          terminalCode: device.terminalCode,
        },
        atMs: nowMs,
      });
    }
    return { recorded };
  });
}

/**
 * Makes a device's PIN key (the key the store's PIN verifiers are sealed under for it) and stores
 * it in the caller's transaction; `stored` is false when the device already had one, which stays.
 */
export async function createPinKey(
  q: Queryable,
  deviceId: string,
  nowMs: number,
): Promise<{ pinKey: string; stored: boolean }> {
  const pinKey = newPinKey();
  return { pinKey, stored: await insertPinKey(q, deviceId, pinKey, nowMs) };
}

/** Of the given cashier ids, those not assigned to the store's counters (one query). */
export function cashiersNotOfStore(
  q: Queryable,
  storeId: string,
  cashierIds: readonly string[],
): Promise<Set<string>> {
  return foreignCashiers(q, storeId, cashierIds);
}

/** A PIN's verifier at the production cost (slow on purpose: derive before a transaction opens). */
export function pinVerifierOf(pin: string): Promise<PinVerifier> {
  return derivePinVerifier(pin);
}

/**
 * Gives a person a PIN verifier and a place at a store's counters as the system (the demo seed):
 * no actor and no audit entry; `createdBy` names the writer.
 */
export async function assignCounterPin(
  tx: Queryable,
  input: {
    readonly storeId: string;
    readonly userId: string;
    readonly verifier: PinVerifier;
    readonly createdBy: string;
    readonly nowMs: number;
  },
): Promise<void> {
  await upsertPin(tx, input.userId, input.verifier, input.nowMs);
  await insertCounterAssignment(tx, input.storeId, input.userId, input.createdBy, input.nowMs);
}
