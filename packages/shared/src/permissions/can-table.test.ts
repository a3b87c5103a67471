import { describe, expect, it } from 'vitest';
import { can } from './can';
import type { AccessScope, Actor } from './actor';
import { PERMISSIONS, type Permission } from './permission';
import type { Role } from './role';

/**
 * The access matrix, written out by hand so a change to the role data must be made twice on
 * purpose. Each cell reads four targets, in order: own store (s1 in r1), another store of the
 * same region (s2 in r1), a store of another region (s3 in r2), and global. `Y` allowed, `-` not.
 * Cashiers and store managers hold their role at store s1, regional managers at region r1,
 * HQ admins, auditors and integrations at `all`.
 */
// prettier-ignore
const MATRIX: Record<Permission, Record<Role, string>> = {
  //                     cashier        store_manager         regional_manager         hq_admin          auditor          integration
  'sales:read':         { cashier: 'Y---', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: 'YYYY', integration: '----' },
  'sales:create':       { cashier: 'Y---', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'returns:create':     { cashier: 'Y---', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'voids:authorise':    { cashier: '----', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'discounts:override': { cashier: '----', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'stock:read':         { cashier: 'Y---', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: 'YYYY', integration: '----' },
  'stock:receive':      { cashier: 'Y---', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'stock:count':        { cashier: 'Y---', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'stock:adjust':       { cashier: '----', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'transfers:read':     { cashier: 'Y---', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: 'YYYY', integration: '----' },
  'transfers:create':   { cashier: '----', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'transfers:approve':  { cashier: '----', store_manager: '----', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'transfers:resolve':  { cashier: '----', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'purchases:read':     { cashier: 'Y---', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: 'YYYY', integration: '----' },
  'purchases:write':    { cashier: '----', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'purchases:approve':  { cashier: '----', store_manager: '----', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'purchases:overreceive': { cashier: '----', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'suppliers:write':    { cashier: '----', store_manager: '----', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'catalogue:read':     { cashier: 'Y---', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: 'YYYY', integration: '----' },
  'catalogue:write':    { cashier: '----', store_manager: '----', regional_manager: '----', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'prices:write':       { cashier: '----', store_manager: '----', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'stores:read':        { cashier: '----', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: 'YYYY', integration: '----' },
  'stores:write':       { cashier: '----', store_manager: '----', regional_manager: '----', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'tax:write':          { cashier: '----', store_manager: '----', regional_manager: '----', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'gst:file':           { cashier: '----', store_manager: '----', regional_manager: '----', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'reports:read':       { cashier: '----', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: 'YYYY', integration: '----' },
  'devices:read':       { cashier: '----', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: 'YYYY', integration: '----' },
  'devices:enroll':     { cashier: '----', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'devices:revoke':     { cashier: '----', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'users:read':         { cashier: '----', store_manager: 'Y---', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: 'YYYY', integration: '----' },
  'users:manage':       { cashier: '----', store_manager: '----', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'roles:assign':       { cashier: '----', store_manager: '----', regional_manager: 'YY--', hq_admin: 'YYYY', auditor: '----', integration: '----' },
  'audit:read':         { cashier: '----', store_manager: '----', regional_manager: '----', hq_admin: 'YYYY', auditor: 'YYYY', integration: '----' },
  'audit:verify':       { cashier: '----', store_manager: '----', regional_manager: '----', hq_admin: 'YYYY', auditor: 'YYYY', integration: '----' },
  'sync:device':        { cashier: '----', store_manager: '----', regional_manager: '----', hq_admin: '----', auditor: '----', integration: '----' },
  'webhooks:manage':    { cashier: '----', store_manager: '----', regional_manager: '----', hq_admin: 'YYYY', auditor: '----', integration: '----' },
};

const SCOPE_OF_ROLE: Record<Role, AccessScope> = {
  cashier: { kind: 'store', storeId: 's1' },
  store_manager: { kind: 'store', storeId: 's1' },
  regional_manager: { kind: 'region', regionId: 'r1' },
  hq_admin: { kind: 'all' },
  auditor: { kind: 'all' },
  integration: { kind: 'all' },
};

const TARGETS = [
  { storeId: 's1', regionId: 'r1' },
  { storeId: 's2', regionId: 'r1' },
  { storeId: 's3', regionId: 'r2' },
  'global',
] as const;

function actorWith(role: Role): Actor {
  const kind = role === 'integration' ? 'integration' : 'user';
  return { id: `${role}-1`, kind, grants: [{ role, scope: SCOPE_OF_ROLE[role] }] };
}

describe('can, role × permission × target', () => {
  it('answers as the hand-written matrix says', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...PERMISSIONS].sort());
    const actual: Record<string, Record<string, string>> = {};
    for (const permission of PERMISSIONS) {
      actual[permission] = {};
      for (const role of Object.keys(SCOPE_OF_ROLE) as Role[]) {
        const answers = TARGETS.map((target) =>
          can(actorWith(role), permission, target) ? 'Y' : '-',
        );
        actual[permission][role] = answers.join('');
      }
    }
    expect(actual).toEqual(MATRIX);
  });

  it('reaches a region-level resource only through a region or all grant', () => {
    const storeManager = actorWith('store_manager');
    const regional = actorWith('regional_manager');
    expect(can(storeManager, 'reports:read', { regionId: 'r1' })).toBe(false);
    expect(can(regional, 'reports:read', { regionId: 'r1' })).toBe(true);
    expect(can(regional, 'reports:read', { regionId: 'r2' })).toBe(false);
    expect(can(actorWith('hq_admin'), 'reports:read', { regionId: 'r2' })).toBe(true);
  });
});
