import { z } from 'zod';

/**
 * Every permission, named `resource:action`, with whether it only reads or also changes something.
 * The read/write split is data, not naming convention, because roles are built from it (an auditor
 * holds every read permission and no write) and `audit:verify` reads although its verb is not `read`.
 */
export const PERMISSION_ACCESS = {
  'sales:read': 'read',
  'sales:create': 'write',
  'returns:create': 'write',
  'voids:authorise': 'write',
  'discounts:override': 'write',
  'stock:read': 'read',
  'stock:receive': 'write',
  'stock:count': 'write',
  'stock:adjust': 'write',
  'transfers:read': 'read',
  'transfers:create': 'write',
  'transfers:approve': 'write',
  'transfers:resolve': 'write',
  'purchases:read': 'read',
  'purchases:write': 'write',
  'purchases:approve': 'write',
  'purchases:overreceive': 'write',
  'suppliers:write': 'write',
  'catalogue:read': 'read',
  'catalogue:write': 'write',
  'prices:write': 'write',
  'tax:write': 'write',
  'gst:file': 'write',
  'stores:read': 'read',
  'stores:write': 'write',
  'reports:read': 'read',
  'devices:read': 'read',
  'devices:enroll': 'write',
  'devices:revoke': 'write',
  'users:read': 'read',
  'users:manage': 'write',
  'roles:assign': 'write',
  'audit:read': 'read',
  'audit:verify': 'read',
  'sync:device': 'write',
  'webhooks:manage': 'write',
} as const satisfies Record<string, 'read' | 'write'>;

/** A permission name, e.g. `stock:adjust`. */
export type Permission = keyof typeof PERMISSION_ACCESS;

/** All permission names. */
export const PERMISSIONS = Object.keys(PERMISSION_ACCESS) as readonly Permission[];

/** Zod schema of a permission name. */
export const permissionSchema = z.enum(
  Object.keys(PERMISSION_ACCESS) as [Permission, ...Permission[]],
);

/**
 * Whether holding the permission lets an actor change data (as opposed to only reading it).
 * @example
 * isWritePermission('stock:adjust'); // true
 * isWritePermission('audit:verify'); // false
 */
export function isWritePermission(permission: Permission): boolean {
  return PERMISSION_ACCESS[permission] === 'write';
}
