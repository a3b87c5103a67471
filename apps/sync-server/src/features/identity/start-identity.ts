import type { Clock } from '@kiryana/shared';
import type { Logger } from 'pino';
import type { DeviceTokenVerifier } from '../../auth/principal';
import type { Db } from '../../db/db';
import { type Identity, createIdentity } from './identity';
import { type IdentityEnv, identityConfigFromEnv } from './identity-env';

/**
 * The one call server.ts makes: builds identity from the environment. The demo people are the
 * demo seed's business (features/seed/demo-users.ts), seeded by server.ts after this.
 */
export async function startIdentity(input: {
  db: Db;
  clock: Clock;
  logger: Logger;
  secret: string;
  verifyDeviceToken: DeviceTokenVerifier;
  env: IdentityEnv;
}): Promise<Identity> {
  const { logger, env } = input;
  const identity = await createIdentity({ ...input, config: identityConfigFromEnv(env) });
  logger.info(
    { issuer: identity.issuer, embedded: identity.provider !== undefined },
    'identity ready',
  );
  return identity;
}
