import type { Permission } from './permission';
import { ROLES_FOR_ACTOR_KIND, roleHasPermission } from './role';
import type { AccessScope, Actor } from './actor';

/**
 * What an action touches: a resource in a store (which belongs to a region), a region-level
 * resource, or a chain-wide one. Reference data read through a store (the catalogue with that
 * store's prices) targets that store; `'global'` is for chain-wide work such as editing the
 * catalogue itself or chain-wide reports.
 */
export type AccessTarget =
  | { readonly storeId: string; readonly regionId: string }
  | { readonly regionId: string }
  | 'global';

/** Rows an actor may see for one permission, for a SQL `WHERE`: everything, or these stores and regions. */
export type ScopeFilter =
  | { readonly all: true }
  | {
      readonly all: false;
      readonly storeIds: readonly string[];
      readonly regionIds: readonly string[];
    };

/**
 * The scopes at which an actor holds a permission. Role grants the actor's kind may not hold are
 * ignored here as well as refused by `actorSchema`: an actor built without the schema still cannot
 * use them.
 */
function scopesHolding(actor: Actor, permission: Permission): AccessScope[] {
  const allowedRoles = ROLES_FOR_ACTOR_KIND[actor.kind];
  const scopes: AccessScope[] = [];
  for (const grant of actor.grants) {
    if (allowedRoles.includes(grant.role) && roleHasPermission(grant.role, permission)) {
      scopes.push(grant.scope);
    }
  }
  for (const extra of actor.extraPermissions ?? []) {
    if (extra.permission === permission) scopes.push(extra.scope);
  }
  return scopes;
}

function covers(scope: AccessScope, target: AccessTarget): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'region':
      return target !== 'global' && target.regionId === scope.regionId;
    case 'store':
      return target !== 'global' && 'storeId' in target && target.storeId === scope.storeId;
  }
}

/**
 * Whether the actor may use the permission on the target. A store grant covers only that store;
 * a region grant covers the region and its stores (the target carries the store's region); an
 * `all` grant covers everything, including `'global'`.
 * @example
 * const cashier: Actor = {
 *   id: 'u1',
 *   kind: 'user',
 *   grants: [{ role: 'cashier', scope: { kind: 'store', storeId: 's1' } }],
 * };
 * can(cashier, 'sales:create', { storeId: 's1', regionId: 'r1' }); // true
 * can(cashier, 'sales:create', { storeId: 's2', regionId: 'r1' }); // false
 */
export function can(actor: Actor, permission: Permission, target: AccessTarget): boolean {
  return scopesHolding(actor, permission).some((scope) => covers(scope, target));
}

/**
 * The filter a query applies so the database returns only rows the actor may see with the
 * permission: `WHERE store_id = ANY($storeIds) OR region_id = ANY($regionIds)` unless `all`.
 * Agrees with `can` row by row; ids come sorted and without duplicates. Filtering in SQL, never
 * after fetching, keeps `LIMIT` and pagination honest.
 * @example
 * scopeFilter(cashier, 'sales:read'); // { all: false, storeIds: ['s1'], regionIds: [] }
 */
export function scopeFilter(actor: Actor, permission: Permission): ScopeFilter {
  const storeIds = new Set<string>();
  const regionIds = new Set<string>();
  for (const scope of scopesHolding(actor, permission)) {
    if (scope.kind === 'all') return { all: true };
    if (scope.kind === 'store') storeIds.add(scope.storeId);
    else regionIds.add(scope.regionId);
  }
  return { all: false, storeIds: [...storeIds].sort(), regionIds: [...regionIds].sort() };
}
