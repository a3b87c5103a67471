import { describe, expect, it } from 'vitest';
import { PERMISSIONS, PERMISSION_ACCESS, isWritePermission, permissionSchema } from './permission';
import { ROLES, ROLE_PERMISSIONS, ROLES_FOR_ACTOR_KIND, roleHasPermission } from './role';

describe('permissions', () => {
  it('marks exactly the :read permissions and audit:verify as reads', () => {
    const reads = PERMISSIONS.filter((p) => !isWritePermission(p));
    expect(reads).toEqual(PERMISSIONS.filter((p) => p.endsWith(':read') || p === 'audit:verify'));
  });

  it('are all resource:action names the schema accepts', () => {
    for (const permission of PERMISSIONS) {
      expect(permission).toMatch(/^[a-z]+:[a-z]+$/);
      expect(permissionSchema.parse(permission)).toBe(permission);
    }
    expect(permissionSchema.safeParse('sales:delete').success).toBe(false);
    expect(Object.keys(PERMISSION_ACCESS)).toHaveLength(PERMISSIONS.length);
  });
});

describe('roles', () => {
  it('give an auditor every read and no write', () => {
    expect(ROLE_PERMISSIONS.auditor.filter(isWritePermission)).toEqual([]);
    expect([...ROLE_PERMISSIONS.auditor].sort()).toEqual(
      PERMISSIONS.filter((p) => !isWritePermission(p)).sort(),
    );
  });

  it('give an integration nothing by itself', () => {
    expect(ROLE_PERMISSIONS.integration).toEqual([]);
  });

  it('nest: each counter-to-region role holds everything of the one below', () => {
    const chain = ['cashier', 'store_manager', 'regional_manager', 'hq_admin'] as const;
    chain.slice(1).forEach((role, i) => {
      const below = chain[i]!;
      expect(ROLE_PERMISSIONS[below].filter((p) => !roleHasPermission(role, p))).toEqual([]);
    });
  });

  it('keep sync:device for terminals only', () => {
    expect(ROLES.filter((role) => roleHasPermission(role, 'sync:device'))).toEqual([]);
  });

  it('list no permission twice', () => {
    for (const role of ROLES) {
      expect(new Set(ROLE_PERMISSIONS[role]).size).toBe(ROLE_PERMISSIONS[role].length);
    }
  });

  it('let devices hold no role and integrations only the integration role', () => {
    expect(ROLES_FOR_ACTOR_KIND).toEqual({
      user: ['cashier', 'store_manager', 'regional_manager', 'hq_admin', 'auditor'],
      device: [],
      integration: ['integration'],
    });
  });
});
