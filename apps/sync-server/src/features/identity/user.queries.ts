import type { AccessScope, PermissionGrant, RoleGrant, ScopeFilter } from '@kiryana/shared';
import type { Queryable } from '../../db/db';

/** A user as sign-in needs it. */
export type UserAuthRow = {
  id: string;
  username: string;
  displayName: string;
  kind: 'user' | 'integration';
  passwordHash: string | null;
  status: 'active' | 'disabled';
};

/** A role assignment: a role of a user at a scope. */
export type RoleAssignment = {
  id: string;
  userId: string;
  role: RoleGrant['role'];
  scope: AccessScope;
};

type AssignmentRow = {
  id: string;
  user_id: string;
  role: RoleGrant['role'];
  scope_kind: AccessScope['kind'];
  store_id: string | null;
  region_id: string | null;
};

function scopeOf(row: {
  scope_kind: string;
  store_id: string | null;
  region_id: string | null;
}): AccessScope {
  if (row.scope_kind === 'store' && row.store_id) return { kind: 'store', storeId: row.store_id };
  if (row.scope_kind === 'region' && row.region_id)
    return { kind: 'region', regionId: row.region_id };
  return { kind: 'all' };
}

function scopeColumns(scope: AccessScope): [string, string | null, string | null] {
  if (scope.kind === 'store') return ['store', scope.storeId, null];
  if (scope.kind === 'region') return ['region', null, scope.regionId];
  return ['all', null, null];
}

function toAssignment(row: AssignmentRow): RoleAssignment {
  return { id: row.id, userId: row.user_id, role: row.role, scope: scopeOf(row) };
}

/**
 * The SQL condition "this assignment row lies within the filter", for table alias `ra`. Parameters
 * $1 (all), $2 (store ids) and $3 (region ids); a region covers the stores in it.
 */
const ASSIGNMENT_IN_SCOPE = `($1::boolean
  OR ra.store_id = ANY($2::text[])
  OR ra.region_id = ANY($3::text[])
  OR ra.store_id IN (SELECT s.id FROM stores s WHERE s.region_id = ANY($3::text[])))`;

function filterParams(filter: ScopeFilter): [boolean, string[], string[]] {
  return filter.all ? [true, [], []] : [false, [...filter.storeIds], [...filter.regionIds]];
}

export async function insertUser(
  q: Queryable,
  user: {
    id: string;
    username: string;
    displayName: string;
    kind: 'user' | 'integration';
    passwordHash: string | null;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO users (id, username, display_name, kind, password_hash) VALUES ($1, $2, $3, $4, $5)`,
    [user.id, user.username, user.displayName, user.kind, user.passwordHash],
  );
}

export async function findUserByUsername(
  q: Queryable,
  username: string,
): Promise<UserAuthRow | undefined> {
  return findUserWhere(q, 'username = $1', username.toLowerCase());
}

export async function findUserById(q: Queryable, id: string): Promise<UserAuthRow | undefined> {
  return findUserWhere(q, 'id = $1', id);
}

async function findUserWhere(q: Queryable, where: string, value: string) {
  const { rows } = await q.query<{
    id: string;
    username: string;
    display_name: string;
    kind: 'user' | 'integration';
    password_hash: string | null;
    status: 'active' | 'disabled';
  }>(`SELECT id, username, display_name, kind, password_hash, status FROM users WHERE ${where}`, [
    value,
  ]);
  const row = rows[0];
  return (
    row && {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      kind: row.kind,
      passwordHash: row.password_hash,
      status: row.status,
    }
  );
}

/** Every grant of a user: role assignments and explicit permissions. */
export async function grantsOfUser(
  q: Queryable,
  userId: string,
): Promise<{ grants: RoleGrant[]; extraPermissions: PermissionGrant[] }> {
  const roles = await q.query<AssignmentRow>(
    `SELECT id, user_id, role, scope_kind, store_id, region_id FROM role_assignments WHERE user_id = $1 ORDER BY id`,
    [userId],
  );
  const extra = await q.query<{
    permission: PermissionGrant['permission'];
    scope_kind: string;
    store_id: string | null;
    region_id: string | null;
  }>(
    `SELECT permission, scope_kind, store_id, region_id FROM permission_grants WHERE user_id = $1 ORDER BY id`,
    [userId],
  );
  return {
    grants: roles.rows.map((row) => ({ role: row.role, scope: scopeOf(row) })),
    extraPermissions: extra.rows.map((row) => ({
      permission: row.permission,
      scope: scopeOf(row),
    })),
  };
}

export async function insertRoleAssignment(
  q: Queryable,
  a: RoleAssignment & { createdBy: string },
): Promise<boolean> {
  const [kind, storeId, regionId] = scopeColumns(a.scope);
  const result = await q.query(
    `INSERT INTO role_assignments (id, user_id, role, scope_kind, store_id, region_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [a.id, a.userId, a.role, kind, storeId, regionId, a.createdBy],
  );
  return result.rowCount > 0;
}

export async function insertPermissionGrant(
  q: Queryable,
  g: PermissionGrant & { id: string; userId: string },
): Promise<void> {
  const [kind, storeId, regionId] = scopeColumns(g.scope);
  await q.query(
    `INSERT INTO permission_grants (id, user_id, permission, scope_kind, store_id, region_id)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [g.id, g.userId, g.permission, kind, storeId, regionId],
  );
}

export async function findRoleAssignment(
  q: Queryable,
  id: string,
): Promise<RoleAssignment | undefined> {
  const { rows } = await q.query<AssignmentRow>(
    'SELECT id, user_id, role, scope_kind, store_id, region_id FROM role_assignments WHERE id = $1',
    [id],
  );
  return rows[0] && toAssignment(rows[0]);
}

export async function deleteRoleAssignment(q: Queryable, id: string): Promise<void> {
  await q.query('DELETE FROM role_assignments WHERE id = $1', [id]);
}

/** Role assignments within a scope filter, optionally of one user; filtered in SQL. */
export async function listRoleAssignments(
  q: Queryable,
  filter: ScopeFilter,
  userId?: string,
): Promise<RoleAssignment[]> {
  const { rows } = await q.query<AssignmentRow>(
    `SELECT ra.id, ra.user_id, ra.role, ra.scope_kind, ra.store_id, ra.region_id
       FROM role_assignments ra
      WHERE ${ASSIGNMENT_IN_SCOPE} AND ($4::text IS NULL OR ra.user_id = $4)
      ORDER BY ra.user_id, ra.id`,
    [...filterParams(filter), userId ?? null],
  );
  return rows.map(toAssignment);
}

/** A user as listed to managers: only the roles the reader may see. */
export type UserListing = {
  id: string;
  username: string;
  displayName: string;
  status: 'active' | 'disabled';
  roles: { id: string; role: RoleGrant['role']; scope: AccessScope }[];
};

/** Users holding at least one role within the filter, with those roles; filtered in SQL. */
export async function listUsersInScope(q: Queryable, filter: ScopeFilter): Promise<UserListing[]> {
  const { rows } = await q.query<
    AssignmentRow & { username: string; display_name: string; status: 'active' | 'disabled' }
  >(
    `SELECT u.id AS user_id, u.username, u.display_name, u.status,
            ra.id, ra.role, ra.scope_kind, ra.store_id, ra.region_id
       FROM role_assignments ra JOIN users u ON u.id = ra.user_id
      WHERE ${ASSIGNMENT_IN_SCOPE}
      ORDER BY u.username, ra.id`,
    filterParams(filter),
  );
  const users = new Map<string, UserListing>();
  for (const row of rows) {
    let user = users.get(row.user_id);
    if (!user) {
      user = {
        id: row.user_id,
        username: row.username,
        displayName: row.display_name,
        status: row.status,
        roles: [],
      };
      users.set(row.user_id, user);
    }
    user.roles.push({ id: row.id, role: row.role, scope: scopeOf(row) });
  }
  return [...users.values()];
}
