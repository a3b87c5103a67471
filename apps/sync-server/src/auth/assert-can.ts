import { type AccessTarget, AppError, type Actor, type Permission, can } from '@kiryana/shared';

/**
 * Throws FORBIDDEN unless the actor holds the permission on the target: the check of services,
 * beside the routes' `requirePermission` gate (http/require-permission.ts), both decided by the
 * shared `can`.
 */
export function assertCan(actor: Actor, permission: Permission, target: AccessTarget): void {
  if (!can(actor, permission, target)) throw forbidden(permission);
}

/** The refusal of a permission; names the permission and nothing about the target. */
export function forbidden(permission: Permission): AppError {
  return new AppError('FORBIDDEN', `This needs the ${permission} permission here.`, { permission });
}
