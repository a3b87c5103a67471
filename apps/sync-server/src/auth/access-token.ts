import { AppError, type Actor, type Clock } from '@kiryana/shared';
import { type JWTVerifyGetKey, errors as joseErrors, jwtVerify } from 'jose';
import { type GrantsClaimMapping, actorFromClaims } from './grants-claim';

/**
 * Verification of human and integration access tokens (JWT, RFC 9068) from any OpenID issuer:
 * the embedded provider or an external one. Every call passes the issuer, the audience, the allowed
 * algorithms (asymmetric only, so `alg: none` and an HS256 token keyed with the public key are
 * refused before any signature check), the token type and the required claims.
 */
export type AccessTokenConfig = {
  readonly issuer: string;
  readonly audience: string;
  readonly algorithms: readonly string[];
  /** Accepted `typ` headers, e.g. `at+jwt` (RFC 9068); compared without an `application/` prefix. */
  readonly tokenTypes: readonly string[];
  readonly grants: GrantsClaimMapping;
  /** The issuer's keys: `createRemoteJWKSet(jwks_uri)` or a local set for the embedded issuer. */
  readonly keys: JWTVerifyGetKey;
  /** Seconds of clock skew tolerated on `exp`/`nbf`/`iat`. */
  readonly clockToleranceSec?: number;
};

/** Turns a bearer token into the actor it speaks for; throws AppError 401 otherwise. */
export type AccessTokenVerifier = (token: string) => Promise<Actor>;

/** Beyond this many cached tokens the cache starts over: memory stays bounded. */
const MAX_CACHED_TOKENS = 10_000;

/** A token verifier that caches each verified token until it expires. */
export function createAccessTokenVerifier(
  config: AccessTokenConfig,
  clock: Clock,
): AccessTokenVerifier {
  const cache = new Map<string, { actor: Actor; expMs: number }>();
  const types = new Set(config.tokenTypes.map(normaliseTyp));

  return async (token) => {
    const nowMs = clock.now();
    const cached = cache.get(token);
    if (cached) {
      if (nowMs < cached.expMs) return cached.actor;
      cache.delete(token);
    }
    let verified: Awaited<ReturnType<typeof jwtVerify>>;
    try {
      verified = await jwtVerify(token, config.keys, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: [...config.algorithms],
        requiredClaims: ['exp', 'sub'],
        currentDate: new Date(nowMs),
        clockTolerance: config.clockToleranceSec ?? 30,
      });
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        throw new AppError('TOKEN_EXPIRED', 'The access token has expired; request a new one.');
      }
      throw new AppError('UNAUTHENTICATED', 'The access token is not valid.');
    }
    const typ = verified.protectedHeader.typ;
    if (typ === undefined || !types.has(normaliseTyp(typ))) {
      throw new AppError('UNAUTHENTICATED', 'The access token is not valid.');
    }
    const actor = actorFromClaims(verified.payload, config.grants);
    const expMs = (verified.payload.exp ?? 0) * 1000;
    if (cache.size >= MAX_CACHED_TOKENS) cache.clear();
    cache.set(token, { actor, expMs });
    return actor;
  };
}

function normaliseTyp(typ: string): string {
  const lower = typ.toLowerCase();
  return lower.startsWith('application/') ? lower.slice('application/'.length) : lower;
}
