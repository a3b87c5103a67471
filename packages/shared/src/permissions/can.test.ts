import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AccessTarget, can, scopeFilter } from './can';
import {
  type AccessScope,
  type Actor,
  type PermissionGrant,
  type RoleGrant,
  actorSchema,
} from './actor';
import { PERMISSIONS } from './permission';
import { ACTOR_KINDS, ROLES } from './role';

const storeIdArb = fc.constantFrom('s1', 's2', 's3', 's4');
const regionIdArb = fc.constantFrom('r1', 'r2', 'r3');
const scopeArb: fc.Arbitrary<AccessScope> = fc.oneof(
  storeIdArb.map((storeId) => ({ kind: 'store' as const, storeId })),
  regionIdArb.map((regionId) => ({ kind: 'region' as const, regionId })),
  fc.constant({ kind: 'all' as const }),
);
const storeScopeArb = storeIdArb.map((storeId) => ({ kind: 'store' as const, storeId }));
const roleGrantArb = (scope: fc.Arbitrary<AccessScope>): fc.Arbitrary<RoleGrant> =>
  fc.record({ role: fc.constantFrom(...ROLES), scope });
const extraArb = (scope: fc.Arbitrary<AccessScope>): fc.Arbitrary<PermissionGrant> =>
  fc.record({ permission: fc.constantFrom(...PERMISSIONS), scope });
const actorArb = (scope: fc.Arbitrary<AccessScope>): fc.Arbitrary<Actor> =>
  fc.record({
    id: fc.constant('a1'),
    kind: fc.constantFrom(...ACTOR_KINDS),
    grants: fc.array(roleGrantArb(scope), { maxLength: 4 }),
    extraPermissions: fc.array(extraArb(scope), { maxLength: 4 }),
  });
const targetArb: fc.Arbitrary<AccessTarget> = fc.oneof(
  fc.record({ storeId: storeIdArb, regionId: regionIdArb }),
  fc.record({ regionId: regionIdArb }),
  fc.constant('global' as const),
);
const permissionArb = fc.constantFrom(...PERMISSIONS);

const cashierAtS1: Actor = {
  id: 'u1',
  kind: 'user',
  grants: [{ role: 'cashier', scope: { kind: 'store', storeId: 's1' } }],
};

describe('can', () => {
  it('gives an integration exactly its explicit permissions', () => {
    const erp: Actor = {
      id: 'erp',
      kind: 'integration',
      grants: [{ role: 'integration', scope: { kind: 'all' } }],
      extraPermissions: [
        { permission: 'sales:read', scope: { kind: 'all' } },
        { permission: 'stock:receive', scope: { kind: 'region', regionId: 'r1' } },
      ],
    };
    const store = { storeId: 's2', regionId: 'r1' };
    expect(PERMISSIONS.filter((p) => can(erp, p, store))).toEqual(['sales:read', 'stock:receive']);
    expect(PERMISSIONS.filter((p) => can(erp, p, 'global'))).toEqual(['sales:read']);
  });

  it('lets a terminal sync its own store only', () => {
    const terminal: Actor = {
      id: 'd1',
      kind: 'device',
      grants: [],
      extraPermissions: [{ permission: 'sync:device', scope: { kind: 'store', storeId: 's1' } }],
    };
    expect(can(terminal, 'sync:device', { storeId: 's1', regionId: 'r1' })).toBe(true);
    expect(can(terminal, 'sync:device', { storeId: 's2', regionId: 'r1' })).toBe(false);
    expect(can(terminal, 'sales:create', { storeId: 's1', regionId: 'r1' })).toBe(false);
  });

  it('ignores a role the actor kind may not hold, even without the schema', () => {
    const forged: Actor = {
      id: 'd1',
      kind: 'device',
      grants: [{ role: 'hq_admin', scope: { kind: 'all' } }],
    };
    expect(PERMISSIONS.filter((p) => can(forged, p, 'global'))).toEqual([]);
  });

  it('gives an actor with no grant nothing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ACTOR_KINDS),
        permissionArb,
        targetArb,
        (kind, permission, target) => {
          const nobody: Actor = { id: 'x', kind, grants: [], extraPermissions: [] };
          expect(can(nobody, permission, target)).toBe(false);
          expect(scopeFilter(nobody, permission)).toEqual({
            all: false,
            storeIds: [],
            regionIds: [],
          });
        },
      ),
    );
  });

  it('never loses a permission when a grant is added', () => {
    fc.assert(
      fc.property(
        actorArb(scopeArb),
        fc.oneof(
          roleGrantArb(scopeArb).map((grant) => ({ grant })),
          extraArb(scopeArb).map((extra) => ({ extra })),
        ),
        permissionArb,
        targetArb,
        (actor, added, permission, target) => {
          const more: Actor =
            'grant' in added
              ? { ...actor, grants: [...actor.grants, added.grant] }
              : { ...actor, extraPermissions: [...(actor.extraPermissions ?? []), added.extra] };
          if (can(actor, permission, target)) expect(can(more, permission, target)).toBe(true);
        },
      ),
    );
  });

  it('never lets store grants reach another store, a region or global', () => {
    fc.assert(
      fc.property(
        actorArb(storeScopeArb),
        permissionArb,
        targetArb,
        (actor, permission, target) => {
          const grantedStores = new Set(
            [
              ...actor.grants.map((g) => g.scope),
              ...(actor.extraPermissions ?? []).map((g) => g.scope),
            ].flatMap((scope) => (scope.kind === 'store' ? [scope.storeId] : [])),
          );
          const reachable =
            target !== 'global' && 'storeId' in target && grantedStores.has(target.storeId);
          if (!reachable) expect(can(actor, permission, target)).toBe(false);
        },
      ),
    );
  });
});

describe('scopeFilter', () => {
  it('lists the stores and regions where the permission is held', () => {
    const manager: Actor = {
      id: 'u2',
      kind: 'user',
      grants: [
        { role: 'store_manager', scope: { kind: 'store', storeId: 's9' } },
        { role: 'cashier', scope: { kind: 'store', storeId: 's1' } },
        { role: 'regional_manager', scope: { kind: 'region', regionId: 'r2' } },
      ],
      extraPermissions: [{ permission: 'stock:adjust', scope: { kind: 'store', storeId: 's1' } }],
    };
    expect(scopeFilter(manager, 'stock:adjust')).toEqual({
      all: false,
      storeIds: ['s1', 's9'],
      regionIds: ['r2'],
    });
    expect(scopeFilter(manager, 'transfers:approve')).toEqual({
      all: false,
      storeIds: [],
      regionIds: ['r2'],
    });
    expect(scopeFilter(cashierAtS1, 'sales:read')).toEqual({
      all: false,
      storeIds: ['s1'],
      regionIds: [],
    });
    expect(
      scopeFilter(
        { ...cashierAtS1, grants: [{ role: 'auditor', scope: { kind: 'all' } }] },
        'sales:read',
      ),
    ).toEqual({
      all: true,
    });
  });

  it('agrees with can on every target', () => {
    fc.assert(
      fc.property(actorArb(scopeArb), permissionArb, targetArb, (actor, permission, target) => {
        const filter = scopeFilter(actor, permission);
        const inFilter =
          filter.all ||
          (target !== 'global' &&
            (filter.regionIds.includes(target.regionId) ||
              ('storeId' in target && filter.storeIds.includes(target.storeId))));
        expect(inFilter).toBe(can(actor, permission, target));
      }),
    );
  });
});

describe('actorSchema', () => {
  it('accepts a well-formed actor', () => {
    const parsed = actorSchema.parse({
      ...cashierAtS1,
      extraPermissions: [
        { permission: 'discounts:override', scope: { kind: 'store', storeId: 's1' } },
      ],
    });
    expect(parsed).toEqual({
      ...cashierAtS1,
      extraPermissions: [
        { permission: 'discounts:override', scope: { kind: 'store', storeId: 's1' } },
      ],
    });
  });

  it('refuses roles the actor kind may not hold, naming the grant', () => {
    const result = actorSchema.safeParse({
      id: 'd1',
      kind: 'device',
      grants: [{ role: 'hq_admin', scope: { kind: 'all' } }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([['grants', 0, 'role']]);
    expect(
      actorSchema.safeParse({
        id: 'u1',
        kind: 'user',
        grants: [{ role: 'integration', scope: { kind: 'all' } }],
      }).success,
    ).toBe(false);
  });

  it('refuses unknown permissions, scopes without ids and empty ids', () => {
    const bad = [
      {
        ...cashierAtS1,
        extraPermissions: [{ permission: 'sales:delete', scope: { kind: 'all' } }],
      },
      { ...cashierAtS1, grants: [{ role: 'cashier', scope: { kind: 'store' } }] },
      { ...cashierAtS1, grants: [{ role: 'cashier', scope: { kind: 'planet' } }] },
      { ...cashierAtS1, id: '' },
    ];
    expect(bad.map((actor) => actorSchema.safeParse(actor).success)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
