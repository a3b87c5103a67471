import { randomFillSync } from 'node:crypto';
import {
  type AccessScope,
  AppError,
  type Actor,
  type Clock,
  type PermissionGrant,
  ROLES_FOR_ACTOR_KIND,
  ROLE_PERMISSIONS,
  type Role,
  type ScopeFilter,
  can,
  createUuidV7Generator,
} from '@kiryana/shared';
import { scopeTarget } from '../../auth/access-target';
import { assertCan } from '../../auth/assert-can';
import { auditActorOf } from '../../db/audit-actor';
import type { Db, Queryable } from '../../db/db';
import { appendAudit } from '../../db/audit-append';
import { hashPassword } from './password';
import * as queries from './user.queries';

/** What the user services need. */
export type UserServiceDeps = { readonly db: Db; readonly clock: Clock };

/** New ids for users and assignments (UUIDv7: sortable, unguessable enough to expose). */
export const newIdentityId = createUuidV7Generator({
  clock: { now: () => Date.now() },
  random: (bytes) => randomFillSync(bytes),
});

/**
 * Refuses a grant the actor could not exercise themselves at that scope: a regional manager may
 * make store managers in their region, never an auditor (audit:read) or an HQ admin, so holding
 * `roles:assign` never becomes a way to widen one's own reach.
 */
async function assertMayGrant(q: Queryable, actor: Actor, role: Role, scope: AccessScope) {
  const target = await scopeTarget(q, scope);
  assertCan(actor, 'roles:assign', target);
  for (const permission of ROLE_PERMISSIONS[role]) {
    if (!can(actor, permission, target)) {
      throw new AppError(
        'FORBIDDEN',
        `You cannot grant ${role} here: it holds ${permission}, which you do not.`,
        {
          permission,
        },
      );
    }
  }
}

async function assertScopeExists(q: Queryable, scope: AccessScope): Promise<void> {
  if (scope.kind === 'all') return;
  const { rowCount } =
    scope.kind === 'store'
      ? await q.query('SELECT 1 FROM stores WHERE id = $1', [scope.storeId])
      : await q.query('SELECT 1 FROM regions WHERE id = $1', [scope.regionId]);
  if (rowCount === 0) throw new AppError('NOT_FOUND', 'No such store or region.');
}

/** Gives a user a role at a scope; idempotent. */
export async function assignRole(
  deps: UserServiceDeps,
  actor: Actor,
  input: { userId: string; role: Role; scope: AccessScope },
): Promise<queries.RoleAssignment> {
  return deps.db.transaction(async (tx) => {
    await assertMayGrant(tx, actor, input.role, input.scope);
    const user = await queries.findUserById(tx, input.userId);
    if (!user) throw new AppError('NOT_FOUND', 'No such user.');
    if (!ROLES_FOR_ACTOR_KIND[user.kind].includes(input.role)) {
      throw new AppError('VALIDATION_FAILED', `A ${user.kind} cannot hold the ${input.role} role.`);
    }
    await assertScopeExists(tx, input.scope);
    const assignment = { id: newIdentityId(), ...input };
    const added = await queries.insertRoleAssignment(tx, {
      ...assignment,
      createdBy: auditActorOf(actor),
    });
    if (!added) {
      const existing = (await queries.listRoleAssignments(tx, { all: true }, input.userId)).find(
        (a) => a.role === input.role && JSON.stringify(a.scope) === JSON.stringify(input.scope),
      );
      if (existing) return existing;
    }
    await appendAudit(tx, {
      kind: 'role.assigned',
      actor: auditActorOf(actor),
      storeId: input.scope.kind === 'store' ? input.scope.storeId : null,
      subject: input.userId,
      data: { assignmentId: assignment.id, role: input.role, scope: input.scope },
      atMs: deps.clock.now(),
    });
    return assignment;
  });
}

/** Removes a role assignment the actor could have granted. */
export async function removeRoleAssignment(
  deps: UserServiceDeps,
  actor: Actor,
  id: string,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const assignment = await queries.findRoleAssignment(tx, id);
    // Someone who may not see the assignment learns nothing from the answer.
    if (!assignment || !can(actor, 'roles:assign', await scopeTarget(tx, assignment.scope))) {
      throw new AppError('NOT_FOUND', 'No such role assignment.');
    }
    await assertMayGrant(tx, actor, assignment.role, assignment.scope);
    await queries.deleteRoleAssignment(tx, id);
    await appendAudit(tx, {
      kind: 'role.removed',
      actor: auditActorOf(actor),
      storeId: assignment.scope.kind === 'store' ? assignment.scope.storeId : null,
      subject: assignment.userId,
      data: { assignmentId: id, role: assignment.role, scope: assignment.scope },
      atMs: deps.clock.now(),
    });
  });
}

/** Creates a person with a first role; the role makes them visible to the managers of that scope. */
export async function createUser(
  deps: UserServiceDeps,
  actor: Actor,
  input: {
    username: string;
    displayName: string;
    password?: string | undefined;
    role: Role;
    scope: AccessScope;
  },
): Promise<{ id: string; username: string; displayName: string; assignmentId: string }> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return deps.db.transaction(async (tx) => {
    assertCan(actor, 'users:manage', await scopeTarget(tx, input.scope));
    await assertMayGrant(tx, actor, input.role, input.scope);
    if (!ROLES_FOR_ACTOR_KIND.user.includes(input.role)) {
      throw new AppError('VALIDATION_FAILED', `A person cannot hold the ${input.role} role.`);
    }
    await assertScopeExists(tx, input.scope);
    const username = input.username.toLowerCase();
    if (await queries.findUserByUsername(tx, username)) {
      throw new AppError('CONFLICT', 'This username is taken.');
    }
    const id = newIdentityId();
    const assignmentId = newIdentityId();
    await queries.insertUser(tx, {
      id,
      username,
      displayName: input.displayName,
      kind: 'user',
      passwordHash,
    });
    await queries.insertRoleAssignment(tx, {
      id: assignmentId,
      userId: id,
      role: input.role,
      scope: input.scope,
      createdBy: auditActorOf(actor),
    });
    await appendAudit(tx, {
      kind: 'user.created',
      actor: auditActorOf(actor),
      storeId: input.scope.kind === 'store' ? input.scope.storeId : null,
      subject: id,
      data: { username, role: input.role, scope: input.scope },
      atMs: deps.clock.now(),
    });
    return { id, username, displayName: input.displayName, assignmentId };
  });
}

/** The people the reader reaches. */
export function listUsersInScope(
  deps: UserServiceDeps,
  filter: ScopeFilter,
): ReturnType<typeof queries.listUsersInScope> {
  return queries.listUsersInScope(deps.db, filter);
}

/** The role assignments the reader reaches, optionally of one person. */
export function listRoleAssignments(
  deps: UserServiceDeps,
  filter: ScopeFilter,
  userId: string | undefined,
): ReturnType<typeof queries.listRoleAssignments> {
  return queries.listRoleAssignments(deps.db, filter, userId);
}

/** A person by username, for sign-in (with the password hash; never for an answer). */
export function findUserByUsername(
  deps: { readonly db: Db },
  username: string,
): ReturnType<typeof queries.findUserByUsername> {
  return queries.findUserByUsername(deps.db, username);
}

/** A person or integration the system writes without an actor (the demo seed). */
export type SystemPerson = {
  readonly username: string;
  readonly displayName: string;
  readonly kind: 'user' | 'integration';
  readonly passwordHash: string | null;
  readonly role: Role;
  readonly scope: AccessScope;
  readonly permissions?: readonly PermissionGrant[];
};

/**
 * Writes a person with one role and any explicit permissions in the caller's transaction,
 * attributed to `createdBy`, with no actor to check and no audit entry: only for seeding an empty
 * database, before anyone can sign in. @returns the person's new id
 */
export async function insertSystemPerson(
  tx: Queryable,
  person: SystemPerson,
  createdBy: string,
): Promise<string> {
  const id = newIdentityId();
  await queries.insertUser(tx, {
    id,
    username: person.username,
    displayName: person.displayName,
    kind: person.kind,
    passwordHash: person.passwordHash,
  });
  await queries.insertRoleAssignment(tx, {
    id: newIdentityId(),
    userId: id,
    role: person.role,
    scope: person.scope,
    createdBy,
  });
  for (const grant of person.permissions ?? []) {
    await queries.insertPermissionGrant(tx, { ...grant, id: newIdentityId(), userId: id });
  }
  return id;
}

/** A password's stored hash (scrypt, slow on purpose), for people `insertSystemPerson` writes. */
export function passwordHashOf(password: string): Promise<string> {
  return hashPassword(password);
}

/**
 * A person's grants as an `Actor`, for decisions taken on their behalf outside a request of
 * theirs (a terminal pushing a goods receipt names the person who took it: features/workflow).
 */
export async function actorOfUser(q: Queryable, userId: string): Promise<Actor> {
  const { grants, extraPermissions } = await queries.grantsOfUser(q, userId);
  return { id: userId, kind: 'user', grants, extraPermissions };
}
