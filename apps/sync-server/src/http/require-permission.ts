import {
  type AccessTarget,
  type Permission,
  type ScopeFilter,
  can,
  scopeFilter,
} from '@kiryana/shared';
import type { Context, MiddlewareHandler } from 'hono';
import { forbidden } from '../auth/assert-can';
import type { ActorEnv } from './require-actor';

/** Finds what a request touches, e.g. the store named in its query with that store's region. */
export type TargetOf = (c: Context<ActorEnv>) => AccessTarget | Promise<AccessTarget>;

/**
 * The one permission gate of the admin and HQ API, decided by the shared `can`:
 * - with `targetOf`, the actor must hold `permission` on that target (a store, a region, global);
 * - without it (listings), the actor must hold it somewhere; the handler then filters its SQL with
 *   `permittedScope(c, permission)`, so rows outside the actor's reach are never fetched.
 * Refusals are 403 FORBIDDEN naming the permission and nothing about the target.
 */
export function requirePermission(
  permission: Permission,
  targetOf?: TargetOf,
): MiddlewareHandler<ActorEnv> {
  return async (c, next) => {
    const actor = c.var.actor;
    const allowed = targetOf
      ? can(actor, permission, await targetOf(c))
      : !isEmpty(scopeFilter(actor, permission));
    if (!allowed) throw forbidden(permission);
    await next();
  };
}

/** The rows the calling actor may see with `permission`, for a SQL `WHERE`. */
export function permittedScope(c: Context<ActorEnv>, permission: Permission): ScopeFilter {
  return scopeFilter(c.var.actor, permission);
}

function isEmpty(filter: ScopeFilter): boolean {
  return !filter.all && filter.storeIds.length === 0 && filter.regionIds.length === 0;
}
