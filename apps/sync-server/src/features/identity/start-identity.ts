import type { Clock } from '@kiryana/shared';
import type { Logger } from 'pino';
import type { DeviceTokenVerifier } from '../../auth/principal';
import type { Db } from '../../db/db';
import { DEMO_INTEGRATION_CLIENT_ID, DEMO_PASSWORD, seedDemoIdentityIfEmpty } from './demo-users';
import { type Identity, createIdentity } from './identity';
import { type IdentityEnv, identityConfigFromEnv } from './identity-env';

/** What a person needs to try the demo; secrets, so for the console banner and never the log. */
export type DemoCredentials = {
  readonly password: string;
  readonly integration: { readonly clientId: string; readonly clientSecret: string };
};

/**
 * The one call server.ts makes: seeds the demo people on a demo database, then builds identity
 * from the environment. Runs after the chain's demo seed, because people are assigned to its stores.
 * On a demo start it also hands back the demo credentials for the banner: a JSON log line is
 * shipped wherever logs go, so no secret is ever a field of one.
 */
export async function startIdentity(input: {
  db: Db;
  clock: Clock;
  logger: Logger;
  secret: string;
  verifyDeviceToken: DeviceTokenVerifier;
  env: IdentityEnv & { readonly SEED_DEMO: boolean };
}): Promise<{ identity: Identity; demo: DemoCredentials | undefined }> {
  const { db, clock, logger, env } = input;
  const identity = await createIdentity({ ...input, config: identityConfigFromEnv(env) });
  let demo: DemoCredentials | undefined;
  if (env.SEED_DEMO && !env.OIDC_ISSUER) {
    const seeded = await seedDemoIdentityIfEmpty(db, clock.now());
    if (seeded) logger.info({ users: seeded.users }, 'demo people seeded (README, "Demo users")');
    // Also on later starts of the demo: the banner keeps showing how to get in.
    demo = {
      password: DEMO_PASSWORD,
      integration: {
        clientId: DEMO_INTEGRATION_CLIENT_ID,
        clientSecret: identity.clientSecret(DEMO_INTEGRATION_CLIENT_ID),
      },
    };
  }
  logger.info(
    { issuer: identity.issuer, embedded: identity.provider !== undefined },
    'identity ready',
  );
  return { identity, demo };
}
