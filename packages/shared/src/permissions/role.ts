import { z } from 'zod';
import { PERMISSIONS, type Permission, isWritePermission } from './permission';

/** All roles, from the counter to HQ, plus the two non-human ones. */
export const ROLES = [
  'cashier',
  'store_manager',
  'regional_manager',
  'hq_admin',
  'auditor',
  'integration',
] as const;

/** A named bundle of permissions, granted to an actor at a scope. */
export type Role = (typeof ROLES)[number];

/** Zod schema of a role name. */
export const roleSchema = z.enum(ROLES);

/** Who or what acts: a person, an enrolled terminal, or an HQ system using the API. */
export const ACTOR_KINDS = ['user', 'device', 'integration'] as const;

/** The kind of an actor. */
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Zod schema of an actor kind. */
export const actorKindSchema = z.enum(ACTOR_KINDS);

const cashier: readonly Permission[] = [
  'sales:read',
  'sales:create',
  'returns:create',
  'stock:read',
  'stock:receive',
  'stock:count',
  'transfers:read',
  'purchases:read',
  'catalogue:read',
];

const storeManager: readonly Permission[] = [
  ...cashier,
  'voids:authorise',
  'discounts:override',
  'stock:adjust',
  'transfers:create',
  // A shortage or damage on arrival is the receiving store's manager's to account for.
  'transfers:resolve',
  'purchases:write',
  'purchases:overreceive',
  'stores:read',
  'reports:read',
  'devices:read',
  'devices:enroll',
  'devices:revoke',
  'users:read',
];

// Approving a transfer moves stock between stores, so it sits above the stores involved; so do
// regional price changes and staffing (creating users, assigning roles).
const regionalManager: readonly Permission[] = [
  ...storeManager,
  'transfers:approve',
  // Spending money with a supplier, and the supplier master, sit with the region (or HQ).
  'purchases:approve',
  'suppliers:write',
  'prices:write',
  'users:manage',
  'roles:assign',
];

/**
 * The permissions each role grants, as data. HQ admins hold everything a person can (not the
 * terminal-only `sync:device`); auditors every read and nothing else; an integration role grants
 * nothing by itself, so an HQ system has exactly the permissions it was given explicitly.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  cashier,
  store_manager: storeManager,
  regional_manager: regionalManager,
  hq_admin: PERMISSIONS.filter((p) => p !== 'sync:device'),
  auditor: PERMISSIONS.filter((p) => !isWritePermission(p)),
  integration: [],
};

/**
 * Which roles each kind of actor may hold. A terminal holds no role (its credential carries
 * `sync:device` for its store as an explicit permission), so a stolen device credential can never
 * carry a manager's rights; an HQ system holds only the empty `integration` role.
 */
export const ROLES_FOR_ACTOR_KIND: Readonly<Record<ActorKind, readonly Role[]>> = {
  user: ['cashier', 'store_manager', 'regional_manager', 'hq_admin', 'auditor'],
  device: [],
  integration: ['integration'],
};

/**
 * Whether a role grants a permission (before any scope is considered).
 * @example
 * roleHasPermission('cashier', 'sales:create'); // true
 * roleHasPermission('cashier', 'stock:adjust'); // false
 */
export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
