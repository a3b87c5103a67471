import type { AccessScope, Clock, PermissionGrant, Role } from '@kiryana/shared';
import type { Logger } from 'pino';
import type { Db } from '../../db/db';
import { insertSystemPerson, passwordHashOf } from '../identity/user.service';
import { assignCounterPin, pinVerifierOf } from '../pins/pin.service';
import { DEMO_STORE_CODE } from './seed-chain';

/** The password of every demo person (README, "Demo users"). Demo data only. */
export const DEMO_PASSWORD = 'kiryana-demo';

/** The client id of the demo HQ integration (client credentials). */
export const DEMO_INTEGRATION_CLIENT_ID = 'hq-erp-demo';

type DemoPerson = {
  username: string;
  displayName: string;
  role: Role;
  scope: 'store' | 'region' | 'all';
  pin?: string;
};

/**
 * One person per role, at the demo store (BLR1) and its region, so every role can be tried. The
 * demo PINs are not trivial (1111-style PINs are refused), and those with one work BLR1's counters.
 */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { username: 'cashier', displayName: 'Asha Kumari', role: 'cashier', scope: 'store', pin: '4827' },
  {
    username: 'store.manager',
    displayName: 'Ravi Verma',
    role: 'store_manager',
    scope: 'store',
    pin: '7391',
  },
  {
    username: 'regional.manager',
    displayName: 'Meera Iyer',
    role: 'regional_manager',
    scope: 'region',
    pin: '5064',
  },
  { username: 'hq.admin', displayName: 'Kabir Shah', role: 'hq_admin', scope: 'all' },
  { username: 'auditor', displayName: 'Farah Ali', role: 'auditor', scope: 'all' },
];

/**
 * Permissions of the demo integration: reads for an ERP, and its own webhook subscriptions
 * (docs/webhooks.md); nothing that changes the chain's data.
 */
const DEMO_INTEGRATION_PERMISSIONS: readonly PermissionGrant[] = [
  { permission: 'sales:read', scope: { kind: 'all' } },
  { permission: 'stock:read', scope: { kind: 'all' } },
  { permission: 'reports:read', scope: { kind: 'all' } },
  { permission: 'webhooks:manage', scope: { kind: 'all' } },
];

/** What a person needs to try the demo; secrets, so for the console banner and never the log. */
export type DemoCredentials = {
  readonly password: string;
  readonly integration: { readonly clientId: string; readonly clientSecret: string };
};

/**
 * What server.ts does on a demo start with the embedded provider, after the chain's demo seed
 * (people are assigned to its stores) and after identity is built: seeds the demo people once and
 * hands back the demo credentials for the banner, also on later starts, so the banner keeps showing
 * how to get in. A JSON log line is shipped wherever logs go, so no secret is ever a field of one.
 */
export async function startDemoIdentity(input: {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The embedded provider's client secret of an integration client. */
  clientSecret: (clientId: string) => string;
}): Promise<DemoCredentials> {
  const seeded = await seedDemoIdentityIfEmpty(input.db, input.clock.now());
  if (seeded) {
    input.logger.info({ users: seeded.users }, 'demo people seeded (README, "Demo users")');
  }
  return {
    password: DEMO_PASSWORD,
    integration: {
      clientId: DEMO_INTEGRATION_CLIENT_ID,
      clientSecret: input.clientSecret(DEMO_INTEGRATION_CLIENT_ID),
    },
  };
}

/**
 * Seeds the demo people and the demo integration when there are no users yet and the demo chain
 * exists. Returns what it made, or undefined when it did nothing.
 */
export async function seedDemoIdentityIfEmpty(
  db: Db,
  nowMs: number,
): Promise<{ users: number } | undefined> {
  const existing = await db.query('SELECT 1 FROM users LIMIT 1');
  if (existing.rowCount > 0) return undefined;
  // The demo store whose enrolment code `pnpm start` prints, so its terminal knows these people.
  const store = await db.query<{ id: string; region_id: string }>(
    'SELECT id, region_id FROM stores WHERE NOT deleted ORDER BY code = $1 DESC, code LIMIT 1',
    [DEMO_STORE_CODE],
  );
  const first = store.rows[0];
  if (!first) return undefined;
  const passwordHash = await passwordHashOf(DEMO_PASSWORD);
  const pins = new Map(
    await Promise.all(
      DEMO_PEOPLE.filter((p) => p.pin).map(
        async (p) => [p.username, await pinVerifierOf(p.pin ?? '')] as const,
      ),
    ),
  );
  return db.transaction(async (tx) => {
    const again = await tx.query('SELECT 1 FROM users LIMIT 1 FOR UPDATE');
    if (again.rowCount > 0) return undefined;
    for (const person of DEMO_PEOPLE) {
      const scope: AccessScope =
        person.scope === 'store'
          ? { kind: 'store', storeId: first.id }
          : person.scope === 'region'
            ? { kind: 'region', regionId: first.region_id }
            : { kind: 'all' };
      const id = await insertSystemPerson(
        tx,
        {
          username: person.username,
          displayName: person.displayName,
          kind: 'user',
          passwordHash,
          role: person.role,
          scope,
        },
        'system:seed',
      );
      const verifier = pins.get(person.username);
      if (verifier) {
        // Everyone with a demo PIN works a BLR1 counter, so its terminal knows them.
        await assignCounterPin(tx, {
          storeId: first.id,
          userId: id,
          verifier,
          createdBy: 'system:seed',
          nowMs,
        });
      }
    }
    const integrationId = await insertSystemPerson(
      tx,
      {
        username: DEMO_INTEGRATION_CLIENT_ID,
        displayName: 'HQ ERP (demo)',
        kind: 'integration',
        passwordHash: null,
        role: 'integration',
        scope: { kind: 'all' },
        permissions: DEMO_INTEGRATION_PERMISSIONS,
      },
      'system:seed',
    );
    await tx.query('INSERT INTO integration_clients (client_id, user_id) VALUES ($1, $2)', [
      DEMO_INTEGRATION_CLIENT_ID,
      integrationId,
    ]);
    return { users: DEMO_PEOPLE.length + 1 };
  });
}
