import { AppError, type Actor, type Clock, can } from '@kiryana/shared';
import { storeTarget } from '../../auth/access-target';
import { assertCan } from '../../auth/assert-can';
import { auditActorOf } from '../../db/audit-actor';
import type { Db } from '../../db/db';
import { appendAudit } from '../../db/audit-append';
import {
  type CounterStaffRow,
  counterStaffOf,
  deleteCounterAssignment,
  insertCounterAssignment,
  rolesReachingStore,
} from './counter-staff.queries';

/**
 * Who works a store's counters. A person's PIN verifier reaches a store's terminals only when they
 * are assigned here, so a chain-wide role (an HQ admin, a regional manager) sends their PIN nowhere
 * until a manager of that store assigns them. Whoever may enrol the store's terminals
 * (`devices:enroll`: store managers and up) decides who signs in on them.
 */
export type CounterStaffDeps = { readonly db: Db; readonly clock: Clock };

async function existingStore(deps: CounterStaffDeps, actor: Actor, storeId: string) {
  const target = await storeTarget(deps.db, storeId);
  assertCan(actor, 'devices:enroll', target);
  // Only an `all` grant reaches a store that does not exist (empty region): it learns 404.
  if (target === 'global' || target.regionId === '') {
    throw new AppError('NOT_FOUND', 'No such store.');
  }
  return target;
}

/** The people assigned to a store's counters. */
export async function listCounterStaff(
  deps: CounterStaffDeps,
  actor: Actor,
  storeId: string,
): Promise<{ storeId: string; people: CounterStaffRow[] }> {
  await existingStore(deps, actor, storeId);
  return { storeId, people: await counterStaffOf(deps.db, storeId) };
}

/**
 * Assigns a person to a store's counters. They must be active and hold a role that sells or
 * authorises voids there; assigning twice changes nothing and is audited once.
 */
export async function assignCounterStaff(
  deps: CounterStaffDeps,
  actor: Actor,
  storeId: string,
  userId: string,
): Promise<{ storeId: string; userId: string; assigned: boolean }> {
  const target = await existingStore(deps, actor, storeId);
  return deps.db.transaction(async (tx) => {
    const person = await rolesReachingStore(tx, userId, storeId);
    if (!person.found) throw new AppError('NOT_FOUND', 'No such user.');
    const asActor: Actor = {
      id: userId,
      kind: 'user',
      grants: person.roles.map((r) => ({
        role: r.role,
        scope:
          r.scopeKind === 'store'
            ? { kind: 'store', storeId: r.scopeId ?? '' }
            : r.scopeKind === 'region'
              ? { kind: 'region', regionId: r.scopeId ?? '' }
              : { kind: 'all' },
      })),
    };
    if (!can(asActor, 'sales:create', target) && !can(asActor, 'voids:authorise', target)) {
      throw new AppError('VALIDATION_FAILED', 'This person holds no counter role at this store.', {
        fields: [{ path: 'userId', message: 'no role that sells or authorises voids here' }],
      });
    }
    const nowMs = deps.clock.now();
    const assigned = await insertCounterAssignment(tx, storeId, userId, auditActorOf(actor), nowMs);
    if (assigned) {
      await appendAudit(tx, {
        kind: 'counter.assigned',
        actor: auditActorOf(actor),
        storeId,
        subject: userId,
        atMs: nowMs,
      });
    }
    return { storeId, userId, assigned: true };
  });
}

/** Removes a person from a store's counters; their verifier leaves its terminals on next contact. */
export async function unassignCounterStaff(
  deps: CounterStaffDeps,
  actor: Actor,
  storeId: string,
  userId: string,
): Promise<{ storeId: string; userId: string; assigned: boolean }> {
  await existingStore(deps, actor, storeId);
  return deps.db.transaction(async (tx) => {
    if (!(await deleteCounterAssignment(tx, storeId, userId))) {
      throw new AppError('NOT_FOUND', 'This person is not assigned to this store’s counters.');
    }
    await appendAudit(tx, {
      kind: 'counter.unassigned',
      actor: auditActorOf(actor),
      storeId,
      subject: userId,
      atMs: deps.clock.now(),
    });
    return { storeId, userId, assigned: false };
  });
}
