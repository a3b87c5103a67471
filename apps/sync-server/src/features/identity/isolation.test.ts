import {
  type AccessTarget,
  type Actor,
  type Permission,
  type Role,
  can,
  errorEnvelope,
} from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFromClaims, DEFAULT_GRANTS_CLAIM } from '../../auth/grants-claim';
import { testDatabases } from '../../testing/test-databases';
import { insertStores } from '../../testing/sync-fixtures';
import { appendAudit } from '../../db/audit-append';
import { insertCounterAssignment } from '../pins/counter-staff.queries';
import { derivePinVerifier } from '../pins/pin-kdf';
import { upsertPin } from '../pins/pin.queries';
import {
  type IdentityTestApp,
  TEST_PIN_SCRYPT,
  insertPerson,
  openIdentityTestApp,
} from './identity-test-kit';
import { insertPermissionGrant, insertRoleAssignment, insertUser } from './user.queries';

/**
 * The isolation walk: every role × every people-and-HQ route × stores and regions inside and
 * outside the actor's reach. The oracle is the shared `can` applied to the fixture; the server must
 * answer exactly that, in status and body, with nothing outside the reach in any answer.
 */

const STORES = { s1a: 'r1', s1b: 'r1', s2a: 'r2' } as const;
type StoreId = keyof typeof STORES;
const STORE_IDS = Object.keys(STORES) as StoreId[];
const target = (storeId: StoreId): AccessTarget => ({ storeId, regionId: STORES[storeId] });

const ACTORS: Record<string, { role: Role; scope: string; extra?: string[] }> = {
  cashier: { role: 'cashier', scope: 'store:s1a' },
  storeManager: { role: 'store_manager', scope: 'store:s1a' },
  regionalManager: { role: 'regional_manager', scope: 'region:r1' },
  hqAdmin: { role: 'hq_admin', scope: 'all' },
  auditor: { role: 'auditor', scope: 'all' },
  integration: {
    role: 'integration',
    scope: 'all',
    extra: ['sales:read@store:s1b', 'reports:read@store:s1b', 'stock:read@store:s1b'],
  },
};
type ActorName = keyof typeof ACTORS;
const ACTOR_NAMES = Object.keys(ACTORS);

function grantsOf(name: ActorName): string[] {
  const spec = ACTORS[name];
  return spec ? [`${spec.role}@${spec.scope}`, ...(spec.extra ?? [])] : [];
}
function actorOf(name: ActorName): Actor {
  return actorFromClaims({ sub: name, kiryana_grants: grantsOf(name) }, DEFAULT_GRANTS_CLAIM);
}
function reachable(name: ActorName, permission: Permission): StoreId[] {
  return STORE_IDS.filter((s) => can(actorOf(name), permission, target(s)));
}
function forbidden(permission: Permission) {
  return errorEnvelope('FORBIDDEN', `This needs the ${permission} permission here.`, {
    permission,
  });
}

describe.each(testDatabases())('isolation walk on $name', (database) => {
  let t: IdentityTestApp;
  const tokens = new Map<string, string>();
  const staffOf = new Map<StoreId, string>();
  const deviceTokens = new Map<StoreId, string>();

  async function get(name: string, path: string) {
    const response = await t.app.request(path, {
      headers: { authorization: `Bearer ${tokens.get(name) ?? ''}` },
    });
    return { status: response.status, body: await response.json() };
  }
  async function send(name: string, method: string, path: string, body: unknown) {
    const response = await t.app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${tokens.get(name) ?? ''}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: response.status === 204 ? null : await response.json(),
    };
  }

  beforeAll(async () => {
    t = await openIdentityTestApp(database);
    await insertStores(t.db, 'r1', ['s1a', 's1b']);
    await insertStores(t.db, 'r2', ['s2a']);
    const pin = await derivePinVerifier('4827', TEST_PIN_SCRYPT, 10_000);
    for (const storeId of STORE_IDS) {
      await t.db.query(
        `INSERT INTO sale_lines (store_id, business_date, sale_id, line_no, kind, product_id, qty_base, net_minor,
           taxable_minor, cgst_minor, sgst_minor, igst_minor, cess_minor, gst_rate_bp, hsn)
         VALUES ($1, '2026-03-15', gen_random_uuid(), 1, 'sale', 'p1', 1, 10500, 10000, 250, 250, 0, 0, 500, '1905')`,
        [storeId],
      );
      await t.db.query(
        "INSERT INTO stock_levels (store_id, product_id, qty_base) VALUES ($1, 'p1', 7)",
        [storeId],
      );
      await appendAudit(t.db, { kind: 'test.event', actor: 'system', storeId, data: {} });
      const userId = `staff-${storeId}`;
      staffOf.set(storeId, userId);
      await insertUser(t.db, {
        id: userId,
        username: userId,
        displayName: userId,
        kind: 'user',
        passwordHash: null,
      });
      await insertRoleAssignment(t.db, {
        id: `ra-${storeId}`,
        userId,
        role: 'cashier',
        scope: { kind: 'store', storeId },
        createdBy: 'test',
      });
      await upsertPin(t.db, userId, pin, t.clock.now());
      await insertCounterAssignment(t.db, storeId, userId, 'test', t.clock.now());
      deviceTokens.set(storeId, (await t.enrolDevice(storeId, 'Counter')).token);
    }
    await appendAudit(t.db, { kind: 'test.global', actor: 'system', data: {} });
    await insertUser(t.db, {
      id: 'probe',
      username: 'probe',
      displayName: 'Probe',
      kind: 'user',
      passwordHash: null,
    });
    for (const name of ACTOR_NAMES) {
      const spec = ACTORS[name];
      if (!spec) continue;
      const [kind, id] = spec.scope.split(':');
      const scope =
        kind === 'store'
          ? { kind: 'store' as const, storeId: id ?? '' }
          : kind === 'region'
            ? { kind: 'region' as const, regionId: id ?? '' }
            : { kind: 'all' as const };
      await insertPerson(t.db, {
        id: name,
        username: name.toLowerCase(),
        displayName: name,
        kind: spec.role === 'integration' ? 'integration' : 'user',
        role: spec.role,
        scope,
      });
      for (const entry of spec.extra ?? []) {
        const [permission, storeScope] = entry.split('@');
        await insertPermissionGrant(t.db, {
          id: `pg-${name}-${entry}`,
          userId: name,
          permission: permission as Permission,
          scope: { kind: 'store', storeId: storeScope?.slice(6) ?? '' },
        });
      }
      tokens.set(name, await t.mint(name, grantsOf(name)));
    }
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it.each(ACTOR_NAMES)('%s lists exactly the stores within reach', async (name) => {
    const allowed = reachable(name, 'stores:read');
    const result = await get(name, '/v1/stores');
    if (allowed.length === 0) {
      expect(result).toEqual({ status: 403, body: forbidden('stores:read') });
      return;
    }
    expect(result.status).toBe(200);
    expect((result.body as { id: string }[]).map((s) => s.id).sort()).toEqual(allowed.sort());
  });

  it.each(ACTOR_NAMES)('%s gets sales only of stores within reach', async (name) => {
    const allowed = reachable(name, 'reports:read');
    const result = await get(name, '/v1/reports/sales-by-store?from=2026-03-01&to=2026-03-31');
    if (allowed.length === 0) {
      expect(result).toEqual({ status: 403, body: forbidden('reports:read') });
      return;
    }
    expect(result).toEqual({
      status: 200,
      body: {
        from: '2026-03-01',
        to: '2026-03-31',
        stores: allowed.map((storeId) => ({
          storeId,
          storeCode: expect.any(String) as string,
          regionId: STORES[storeId],
          netMinor: 10500,
          roundOffMinor: 0,
          taxMinor: 500,
          lines: 1,
        })),
      },
    });
  });

  it.each(ACTOR_NAMES)('%s reads stock of a store only within reach', async (name) => {
    for (const storeId of [...STORE_IDS, 'no-such-store' as StoreId]) {
      const result = await get(name, `/v1/stock-levels?storeId=${storeId}`);
      const allowed =
        storeId in STORES
          ? can(actorOf(name), 'stock:read', target(storeId))
          : actorOf(name).grants.some((g) => g.scope.kind === 'all' && g.role !== 'integration');
      expect(result).toEqual(
        allowed
          ? {
              status: 200,
              body: { storeId, levels: storeId in STORES ? [{ productId: 'p1', qtyBase: 7 }] : [] },
            }
          : { status: 403, body: forbidden('stock:read') },
      );
    }
  });

  it.each(ACTOR_NAMES)('%s sees people and role assignments only within reach', async (name) => {
    const allowed = new Set(reachable(name, 'users:read'));
    const users = await get(name, '/v1/users');
    const assignments = await get(name, '/v1/role-assignments');
    if (allowed.size === 0 && !can(actorOf(name), 'users:read', 'global')) {
      expect(users).toEqual({ status: 403, body: forbidden('users:read') });
      expect(assignments).toEqual({ status: 403, body: forbidden('users:read') });
      return;
    }
    const listed = (
      users.body as { roles: { scope: { kind: string; storeId?: string; regionId?: string } }[] }[]
    ).flatMap((u) => u.roles.map((r) => r.scope));
    const all = can(actorOf(name), 'users:read', 'global');
    for (const scope of [
      ...listed,
      ...(assignments.body as { scope: (typeof listed)[number] }[]).map((a) => a.scope),
    ]) {
      const inReach =
        all ||
        (scope.kind === 'store' && allowed.has(scope.storeId as StoreId)) ||
        (scope.kind === 'region' &&
          can(actorOf(name), 'users:read', { regionId: scope.regionId ?? '' }));
      expect({ name, scope, inReach }).toEqual({ name, scope, inReach: true });
    }
    const staffSeen = STORE_IDS.filter((s) =>
      (users.body as { id: string }[]).some((u) => u.id === staffOf.get(s)),
    );
    expect(staffSeen.sort()).toEqual([...allowed].sort());
  });

  it.each(ACTOR_NAMES)('%s cannot grant, revoke or set PINs outside reach', async (name) => {
    const storeId: StoreId = 's2a';
    const mayAssign = can(actorOf(name), 'roles:assign', target(storeId));
    const pin = await send(name, 'PUT', `/v1/users/${staffOf.get(storeId) ?? ''}/pin`, {
      pin: '9182',
    });
    const grant = await send(name, 'POST', '/v1/role-assignments', {
      userId: 'probe',
      role: 'cashier',
      scope: { kind: 'store', storeId },
    });
    const revoke = await send(name, 'DELETE', `/v1/role-assignments/ra-${storeId}`, {});
    if (mayAssign) {
      expect([grant.status, revoke.status, pin.status]).toEqual([201, 204, 200]);
      await t.db.query("DELETE FROM role_assignments WHERE user_id = 'probe'");
      await insertRoleAssignment(t.db, {
        id: `ra-${storeId}`,
        userId: staffOf.get(storeId) ?? '',
        role: 'cashier',
        scope: { kind: 'store', storeId },
        createdBy: 'test',
      });
      return;
    }
    const anywhere =
      reachable(name, 'roles:assign').length > 0 ||
      can(actorOf(name), 'roles:assign', { regionId: 'r1' });
    expect(grant).toEqual({
      status: 403,
      body: anywhere ? forbidden('roles:assign') : forbidden('roles:assign'),
    });
    expect(revoke).toEqual(
      anywhere
        ? { status: 404, body: errorEnvelope('NOT_FOUND', 'No such role assignment.') }
        : { status: 403, body: forbidden('roles:assign') },
    );
    expect(pin).toEqual({ status: 404, body: errorEnvelope('NOT_FOUND', 'No such user.') });
    const rows = await t.db.query('SELECT 1 FROM role_assignments WHERE store_id = $1', [storeId]);
    expect(rows.rowCount).toBe(1);
  });

  it.each(ACTOR_NAMES)('%s exports and verifies only audit chains within reach', async (name) => {
    const readable = reachable(name, 'audit:read');
    const all = can(actorOf(name), 'audit:read', 'global');
    const exported = await get(name, '/v1/audit/export?from=2000-01-01&to=2100-01-01');
    const verified = await get(name, '/v1/audit/verify');
    if (readable.length === 0) {
      expect(exported).toEqual({ status: 403, body: forbidden('audit:read') });
      expect(verified).toEqual({ status: 403, body: forbidden('audit:verify') });
      return;
    }
    const chains = (exported.body as { chains: { chain: string }[] }).chains.map((c) => c.chain);
    expect(chains.every((c) => all || readable.some((s) => c === `store:${s}`))).toBe(true);
    expect(verified.status).toBe(200);
  });

  it('gives each device only its own store’s PIN verifiers and refuses devices on the people API', async () => {
    for (const storeId of STORE_IDS) {
      const token = deviceTokens.get(storeId) ?? '';
      const response = await t.app.request('/v1/pins/verifiers', {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await response.json()) as { storeId: string; people: { userId: string }[] };
      expect({
        status: response.status,
        storeId: body.storeId,
        people: body.people.map((p) => p.userId),
      }).toEqual({
        status: 200,
        storeId,
        people: [staffOf.get(storeId)],
      });
      for (const path of [
        '/v1/stores',
        `/v1/stock-levels?storeId=${storeId}`,
        '/v1/users',
        '/v1/audit/verify',
      ]) {
        const refused = await t.app.request(path, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect({ path, status: refused.status, body: await refused.json() }).toEqual({
          path,
          status: 401,
          body: errorEnvelope('UNAUTHENTICATED', 'The access token is not valid.'),
        });
      }
    }
    const human = await t.app.request('/v1/pins/verifiers', {
      headers: { authorization: `Bearer ${tokens.get('hqAdmin') ?? ''}` },
    });
    expect(human.status).toBe(401);
  });
});
