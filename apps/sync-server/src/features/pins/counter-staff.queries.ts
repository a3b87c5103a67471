import type { Role } from '@kiryana/shared';
import type { Queryable } from '../../db/db';

/** One person assigned to a store's counters. */
export type CounterStaffRow = {
  userId: string;
  displayName: string;
  assignedAt: string;
  assignedBy: string;
};

/** The people assigned to a store's counters, by name. */
export async function counterStaffOf(q: Queryable, storeId: string): Promise<CounterStaffRow[]> {
  const { rows } = await q.query<{
    user_id: string;
    display_name: string;
    created_at: Date | string;
    created_by: string;
  }>(
    `SELECT ca.user_id, u.display_name, ca.created_at, ca.created_by
       FROM counter_assignments ca JOIN users u ON u.id = ca.user_id
      WHERE ca.store_id = $1 ORDER BY u.display_name, ca.user_id`,
    [storeId],
  );
  return rows.map((r) => ({
    userId: r.user_id,
    displayName: r.display_name,
    assignedAt: new Date(r.created_at).toISOString(),
    assignedBy: r.created_by,
  }));
}

/** An active person's roles that reach a store (at it, its region, or chain-wide). */
export async function rolesReachingStore(
  q: Queryable,
  userId: string,
  storeId: string,
): Promise<{ found: boolean; roles: { role: Role; scopeKind: string; scopeId: string | null }[] }> {
  const user = await q.query(
    "SELECT 1 FROM users WHERE id = $1 AND status = 'active' AND kind = 'user'",
    [userId],
  );
  if (user.rowCount === 0) return { found: false, roles: [] };
  const { rows } = await q.query<{ role: Role; scope_kind: string; scope_id: string | null }>(
    `SELECT ra.role, ra.scope_kind, COALESCE(ra.store_id, ra.region_id) AS scope_id
       FROM role_assignments ra
      WHERE ra.user_id = $1 AND (ra.store_id = $2
        OR ra.region_id = (SELECT s.region_id FROM stores s WHERE s.id = $2)
        OR ra.scope_kind = 'all')`,
    [userId, storeId],
  );
  return {
    found: true,
    roles: rows.map((r) => ({ role: r.role, scopeKind: r.scope_kind, scopeId: r.scope_id })),
  };
}

/** Assigns a person to a store's counters; false when they already were. */
export async function insertCounterAssignment(
  q: Queryable,
  storeId: string,
  userId: string,
  createdBy: string,
  nowMs: number,
): Promise<boolean> {
  const { rowCount } = await q.query(
    `INSERT INTO counter_assignments (store_id, user_id, created_at, created_by)
     VALUES ($1, $2, to_timestamp($4::float8 / 1000), $3) ON CONFLICT DO NOTHING`,
    [storeId, userId, createdBy, nowMs],
  );
  return rowCount > 0;
}

/** Removes a person from a store's counters; false when they were not assigned. */
export async function deleteCounterAssignment(
  q: Queryable,
  storeId: string,
  userId: string,
): Promise<boolean> {
  const { rowCount } = await q.query(
    'DELETE FROM counter_assignments WHERE store_id = $1 AND user_id = $2',
    [storeId, userId],
  );
  return rowCount > 0;
}
