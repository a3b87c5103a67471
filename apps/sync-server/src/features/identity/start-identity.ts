import type { Clock } from '@kiryana/shared';
import type { Logger } from 'pino';
import type { DeviceTokenVerifier } from '../../auth/principal';
import type { Db } from '../../db/db';
import { DEMO_INTEGRATION_CLIENT_ID, DEMO_PASSWORD, seedDemoIdentityIfEmpty } from './demo-users';
import { type Identity, createIdentity } from './identity';
import { type IdentityEnv, identityConfigFromEnv } from './identity-env';

/**
 * The one call server.ts makes: seeds the demo people on a demo database, then builds identity
 * from the environment. Runs after the chain's demo seed, because people are assigned to its stores.
 */
export async function startIdentity(input: {
  db: Db;
  clock: Clock;
  logger: Logger;
  secret: string;
  verifyDeviceToken: DeviceTokenVerifier;
  env: IdentityEnv & { readonly SEED_DEMO: boolean };
}): Promise<Identity> {
  const { db, clock, logger, env } = input;
  const identity = await createIdentity({ ...input, config: identityConfigFromEnv(env) });
  if (env.SEED_DEMO && !env.OIDC_ISSUER) {
    const seeded = await seedDemoIdentityIfEmpty(db, clock.now());
    if (seeded) {
      logger.info(
        {
          users: seeded.users,
          password: DEMO_PASSWORD,
          integration: {
            clientId: DEMO_INTEGRATION_CLIENT_ID,
            clientSecret: identity.clientSecret(DEMO_INTEGRATION_CLIENT_ID),
          },
        },
        'demo people seeded (README, "Demo users")',
      );
    }
  }
  logger.info(
    { issuer: identity.issuer, embedded: identity.provider !== undefined },
    'identity ready',
  );
  return identity;
}
