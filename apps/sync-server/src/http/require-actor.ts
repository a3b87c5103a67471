import { AppError, type Actor } from '@kiryana/shared';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';
import type { AccessTokenVerifier } from '../auth/access-token';

/** Hono variables of routes behind `requireActor`: the app's, plus the calling person or system. */
export type ActorEnv = { Variables: AppEnv['Variables'] & { actor: Actor } };

/**
 * Authenticates a person or an HQ integration with an OpenID access token in
 * `Authorization: Bearer …` and sets `c.var.actor`, which every permission check reads.
 */
export function requireActor(verify: AccessTokenVerifier): MiddlewareHandler<ActorEnv> {
  return async (c, next) => {
    const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(c.req.header('authorization') ?? '');
    if (!match?.[1]) throw new AppError('UNAUTHENTICATED', 'An access token is required.');
    c.set('actor', await verify(match[1]));
    await next();
  };
}
