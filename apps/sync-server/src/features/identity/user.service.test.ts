import { AppError, type Actor } from '@kiryana/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestClock } from '../../http/test-app';
import { type TestDb, testDatabases } from '../../testing/test-databases';
import { insertStores } from '../../testing/sync-fixtures';
import { chainEntries } from '../audit/audit.queries';
import { verifyPassword } from './password';
import { SIGN_IN_POLICY, takeToken } from './rate-limit';
import { findUserByUsername, grantsOfUser } from './user.queries';
import { assignRole, createUser, removeRoleAssignment } from './user.service';

const regional: Actor = {
  id: 'meera',
  kind: 'user',
  grants: [{ role: 'regional_manager', scope: { kind: 'region', regionId: 'r1' } }],
};
const hq: Actor = {
  id: 'kabir',
  kind: 'user',
  grants: [{ role: 'hq_admin', scope: { kind: 'all' } }],
};

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return 'allowed';
  } catch (error) {
    if (error instanceof AppError) return error.toEnvelope();
    throw error;
  }
}

describe.each(testDatabases())('people and roles on $name', (database) => {
  let db: TestDb;
  const clock = createTestClock();
  const deps = () => ({ db, clock });

  beforeAll(async () => {
    db = await database.open();
    await insertStores(db, 'r1', ['s1']);
    await insertStores(db, 'r2', ['s2']);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('creates a person with a first role, a scrypt password hash, and an audit entry', async () => {
    const created = await createUser(deps(), regional, {
      username: 'Asha',
      displayName: 'Asha K',
      password: 'correct horse battery',
      role: 'cashier',
      scope: { kind: 'store', storeId: 's1' },
    });
    expect(created.username).toBe('asha');
    const row = await findUserByUsername(db, 'ASHA');
    expect(row?.passwordHash).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', row?.passwordHash ?? '')).toBe(true);
    expect(await verifyPassword('wrong', row?.passwordHash ?? '')).toBe(false);
    const audit = (await chainEntries(db, 'store:s1', 0, 10)).map((e) => [
      e.kind,
      e.actor,
      e.subject,
    ]);
    expect(audit).toEqual([['user.created', 'user:meera', created.id]]);
    expect(
      await refusal(
        createUser(deps(), regional, {
          username: 'asha',
          displayName: 'Again',
          role: 'cashier',
          scope: { kind: 'store', storeId: 's1' },
        }),
      ),
    ).toEqual({
      error: { code: 'CONFLICT', message: 'This username is taken.' },
    });
  });

  it('never lets a manager grant what they could not do themselves, or reach outside their region', async () => {
    const user = await findUserByUsername(db, 'asha');
    const userId = user?.id ?? '';
    expect(
      await refusal(
        assignRole(deps(), regional, {
          userId,
          role: 'auditor',
          scope: { kind: 'region', regionId: 'r1' },
        }),
      ),
    ).toEqual({
      error: {
        code: 'FORBIDDEN',
        message: 'You cannot grant auditor here: it holds audit:read, which you do not.',
        details: { permission: 'audit:read' },
      },
    });
    expect(
      await refusal(
        assignRole(deps(), regional, { userId, role: 'hq_admin', scope: { kind: 'all' } }),
      ),
    ).toEqual({
      error: {
        code: 'FORBIDDEN',
        message: 'This needs the roles:assign permission here.',
        details: { permission: 'roles:assign' },
      },
    });
    expect(
      await refusal(
        assignRole(deps(), regional, {
          userId,
          role: 'cashier',
          scope: { kind: 'store', storeId: 's2' },
        }),
      ),
    ).toEqual({
      error: {
        code: 'FORBIDDEN',
        message: 'This needs the roles:assign permission here.',
        details: { permission: 'roles:assign' },
      },
    });
    const granted = await assignRole(deps(), regional, {
      userId,
      role: 'store_manager',
      scope: { kind: 'store', storeId: 's1' },
    });
    expect(
      await assignRole(deps(), regional, {
        userId,
        role: 'store_manager',
        scope: { kind: 'store', storeId: 's1' },
      }),
    ).toEqual(granted);
    const hqGrant = await assignRole(deps(), hq, {
      userId,
      role: 'auditor',
      scope: { kind: 'all' },
    });
    expect(await refusal(removeRoleAssignment(deps(), regional, hqGrant.id))).toEqual({
      error: { code: 'NOT_FOUND', message: 'No such role assignment.' },
    });
    await removeRoleAssignment(deps(), regional, granted.id);
    expect((await grantsOfUser(db, userId)).grants).toEqual([
      { role: 'cashier', scope: { kind: 'store', storeId: 's1' } },
      { role: 'auditor', scope: { kind: 'all' } },
    ]);
    const kinds = [
      ...(await chainEntries(db, 'store:s1', 0, 20)),
      ...(await chainEntries(db, 'global', 0, 20)),
    ]
      .map((e) => e.kind)
      .filter((kind) => kind !== 'reference.changed');
    expect(kinds).toEqual(['user.created', 'role.assigned', 'role.removed', 'role.assigned']);
  });

  it('rate-limits sign-in attempts per bucket across processes and refills with time', async () => {
    const key = 'sign-in:asha:10.0.0.1';
    const t0 = clock.now();
    const waits: number[] = [];
    for (let i = 0; i < SIGN_IN_POLICY.capacity + 2; i += 1)
      waits.push(await takeToken(db, key, SIGN_IN_POLICY, t0));
    expect(waits).toEqual([0, 0, 0, 0, 0, 12_000, 24_000]);
    expect(await takeToken(db, key, SIGN_IN_POLICY, t0 + 24_000)).toBe(12_000);
    expect(await takeToken(db, key, SIGN_IN_POLICY, t0 + 24_000 + 60_000)).toBe(0);
  });
});
