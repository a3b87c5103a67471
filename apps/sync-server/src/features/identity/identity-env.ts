import { z } from 'zod';
import { DEFAULT_GRANTS_CLAIM } from '../../auth/grants-claim';
import type { IdentityConfig } from './identity';

/**
 * The environment variables of identity, access and transport, as a zod shape that env.ts spreads
 * into its one schema (so env.ts stays the only reader of `process.env`). docs/security.md lists
 * them with examples.
 */
const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text) =>
      text
        .split(/[\s,]+/)
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    );
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .default('false')
  .transform((text) => text === 'true' || text === '1' || text === 'yes');

/** Identity, access and TLS settings; every one optional with a working default. */
export const identityEnvShape = {
  /** The server's URL as browsers and terminals reach it; the embedded issuer is `<PUBLIC_URL>/oidc`. */
  PUBLIC_URL: z.url().optional(),
  /** An external OpenID issuer; when set, the embedded provider is off. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_JWKS_URL: z.url().optional(),
  OIDC_AUDIENCE: z.string().min(1).default('urn:kiryana:api'),
  OIDC_GRANTS_CLAIM: z.string().min(1).default(DEFAULT_GRANTS_CLAIM.claim),
  OIDC_GRANTS_PREFIX: z.string().default(''),
  OIDC_ALGORITHMS: list('RS256,PS256,ES256,EdDSA').pipe(
    z
      .array(
        z.enum([
          'RS256',
          'RS384',
          'RS512',
          'PS256',
          'PS384',
          'PS512',
          'ES256',
          'ES384',
          'ES512',
          'EdDSA',
        ]),
      )
      .min(1),
  ),
  OIDC_TOKEN_TYPES: list('at+jwt').pipe(z.array(z.string().min(1)).min(1)),
  ADMIN_REDIRECT_URIS: list('http://localhost:5173/auth/callback').pipe(z.array(z.url()).min(1)),
  TRUST_PROXY: flag,
  /** PEM files; both or neither. With them the server speaks HTTPS itself. */
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
  HSTS_MAX_AGE: z.coerce.number().int().min(0).max(63_072_000).default(31_536_000),
  PIN_VERIFIER_TTL_DAYS: z.coerce.number().int().min(1).max(30).default(7),
};

/** The identity settings as parsed (env.ts spreads the shape into its own schema). */
type ShapeOutput = z.output<z.ZodObject<typeof identityEnvShape>>;

/** The parsed identity settings, as part of the server's Env. */
export type IdentityEnv = ShapeOutput & { readonly PORT: number };

/** The server's public URL: PUBLIC_URL, else localhost on the configured port and protocol. */
function publicUrlOf(env: IdentityEnv): string {
  if (env.PUBLIC_URL) return env.PUBLIC_URL.replace(/\/+$/, '');
  const https = Boolean(env.TLS_CERT && env.TLS_KEY);
  return `${https ? 'https' : 'http'}://localhost:${env.PORT}`;
}

/** Identity configuration from the parsed environment. */
export function identityConfigFromEnv(env: IdentityEnv): IdentityConfig {
  return {
    publicUrl: publicUrlOf(env),
    audience: env.OIDC_AUDIENCE,
    external: env.OIDC_ISSUER ? { issuer: env.OIDC_ISSUER, jwksUrl: env.OIDC_JWKS_URL } : undefined,
    algorithms: env.OIDC_ALGORITHMS,
    tokenTypes: env.OIDC_TOKEN_TYPES,
    grants: { claim: env.OIDC_GRANTS_CLAIM, prefix: env.OIDC_GRANTS_PREFIX },
    // The admin web built into the server (/admin/) signs in from its own origin too.
    adminRedirectUris: [
      ...new Set([...env.ADMIN_REDIRECT_URIS, `${publicUrlOf(env)}/admin/auth/callback`]),
    ],
    trustProxy: env.TRUST_PROXY,
    pinVerifierTtlMs: env.PIN_VERIFIER_TTL_DAYS * 86_400_000,
  };
}
