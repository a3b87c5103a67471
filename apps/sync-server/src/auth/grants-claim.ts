import {
  type AccessScope,
  type Actor,
  type Permission,
  type PermissionGrant,
  type Role,
  type RoleGrant,
  permissionSchema,
  roleSchema,
} from '@kiryana/shared';

/**
 * How roles and permissions travel in an access token, whatever the issuer: one claim holding
 * entries `<role>@<scope>` or `<permission>@<scope>`, where scope is `all`, `store:<id>` or
 * `region:<id>` — e.g. `regional_manager@region:north`, `sales:read@all`. The claim may be an
 * array or a space-separated string, and may sit at a dotted path (`realm_access.roles` for
 * Keycloak). With a prefix configured, only entries carrying it count, so an issuer's unrelated
 * roles are ignored. Unknown roles and permissions are ignored, never guessed.
 */
export type GrantsClaimMapping = {
  /** Dotted path of the claim, e.g. `kiryana_grants`. */
  readonly claim: string;
  /** Prefix every entry must carry, e.g. `kiryana:`; empty for none. */
  readonly prefix: string;
};

/** The claim the embedded provider writes. */
export const DEFAULT_GRANTS_CLAIM: GrantsClaimMapping = { claim: 'kiryana_grants', prefix: '' };

/** Formats a scope for a grant entry. */
function formatScope(scope: AccessScope): string {
  if (scope.kind === 'all') return 'all';
  return scope.kind === 'store' ? `store:${scope.storeId}` : `region:${scope.regionId}`;
}

/** Writes grants as claim entries (the embedded provider's side of the mapping). */
export function grantEntries(
  grants: readonly RoleGrant[],
  extra: readonly PermissionGrant[] = [],
): string[] {
  return [
    ...grants.map((g) => `${g.role}@${formatScope(g.scope)}`),
    ...extra.map((p) => `${p.permission}@${formatScope(p.scope)}`),
  ];
}

function parseScope(text: string): AccessScope | undefined {
  if (text === 'all') return { kind: 'all' };
  const match = /^(store|region):([^\s@]{1,64})$/.exec(text);
  if (!match?.[2]) return undefined;
  return match[1] === 'store'
    ? { kind: 'store', storeId: match[2] }
    : { kind: 'region', regionId: match[2] };
}

function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The actor a verified token's claims describe. */
export function actorFromClaims(
  claims: Record<string, unknown>,
  mapping: GrantsClaimMapping,
): Actor {
  const raw = claimAt(claims, mapping.claim);
  const entries = Array.isArray(raw)
    ? raw.filter((e): e is string => typeof e === 'string')
    : typeof raw === 'string'
      ? raw.split(/\s+/)
      : [];
  const grants: RoleGrant[] = [];
  const extraPermissions: PermissionGrant[] = [];
  for (const entry of entries) {
    if (mapping.prefix && !entry.startsWith(mapping.prefix)) continue;
    const at = entry.lastIndexOf('@');
    if (at <= 0) continue;
    const name = entry.slice(mapping.prefix.length, at);
    const scope = parseScope(entry.slice(at + 1));
    if (!scope) continue;
    const role = roleSchema.safeParse(name);
    if (role.success) {
      grants.push({ role: role.data satisfies Role, scope });
      continue;
    }
    const permission = permissionSchema.safeParse(name);
    if (permission.success)
      extraPermissions.push({ permission: permission.data satisfies Permission, scope });
  }
  const isIntegration = grants.some((g) => g.role === 'integration');
  return {
    id: typeof claims.sub === 'string' ? claims.sub : '',
    kind: isIntegration ? 'integration' : 'user',
    grants,
    extraPermissions,
  };
}
