import type { Clock } from '@kiryana/shared';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { type JWK, createLocalJWKSet, createRemoteJWKSet } from 'jose';
import type Provider from 'oidc-provider';
import type { AppEnv } from '../../http/app-env';
import { type AccessTokenVerifier, createAccessTokenVerifier } from '../../auth/access-token';
import { DEFAULT_GRANTS_CLAIM, type GrantsClaimMapping } from '../../auth/grants-claim';
import type { DeviceTokenVerifier } from '../../auth/principal';
import { type ActorEnv, requireActor } from '../../http/require-actor';
import { requireDevice } from '../../http/require-device';
import type { Db } from '../../db/db';
import type { ApiOperation } from '../../http/openapi';
import { createAuditRoutes } from '../audit/audit.routes';
import { createDevicePinRoutes, createUserPinRoutes } from '../pins/pin.routes';
import type { PinServiceDeps } from '../pins/pin.service';
import { identityOperations } from './identity-operations';
import { createIdentityRoutes, createScopedReadRoutes } from './identity.routes';
import { integrationClientSecret } from './oidc-adapter';
import { ADMIN_CLIENT_ID, API_SCOPE } from './oidc-clients';
import { createOidcRoutes } from './oidc.routes';
import { grantsOfUser } from './user.queries';
import { deriveKey, loadSigningKeys, publicJwks } from './signing-keys';

/** Where the embedded provider is mounted. */
export const OIDC_BASE_PATH = '/oidc';

/** An external OpenID issuer whose access tokens the API accepts instead of the embedded one's. */
type ExternalIssuerConfig = {
  readonly issuer: string;
  /** The issuer's JWKS; discovered from `/.well-known/openid-configuration` when omitted. */
  readonly jwksUrl?: string | undefined;
  /** The issuer's public keys given inline (OIDC_JWKS), instead of fetching them. */
  readonly jwks?: { keys: JWK[] } | undefined;
};

/** Identity and access configuration (from env.ts). */
export type IdentityConfig = {
  /** The server's own URL as browsers reach it; the embedded issuer is `<publicUrl>/oidc`. */
  readonly publicUrl: string;
  readonly audience: string;
  readonly external?: ExternalIssuerConfig | undefined;
  readonly algorithms: readonly string[];
  readonly tokenTypes: readonly string[];
  readonly grants: GrantsClaimMapping;
  readonly adminRedirectUris: readonly string[];
  readonly trustProxy: boolean;
  readonly pinVerifierTtlMs: number;
  /** scrypt cost of PIN verifiers; the production `PIN_SCRYPT` unless a test makes it cheap. */
  readonly pinScrypt?: PinServiceDeps['scrypt'] | undefined;
};

/** What `createIdentity` needs from the server. */
export type IdentityDeps = {
  readonly db: Db;
  readonly clock: Clock;
  /** The server secret (DEVICE_TOKEN_SECRET or the data folder's); keys are derived from it. */
  readonly secret: string;
  readonly verifyDeviceToken: DeviceTokenVerifier;
  readonly config: IdentityConfig;
};

/** The identity feature, ready to mount: `app.route('/', identity.routes)`. */
export type Identity = {
  readonly routes: Hono<AppEnv>;
  readonly verifyAccessToken: AccessTokenVerifier;
  /** The embedded provider, absent when an external issuer is configured. */
  readonly provider: Provider | undefined;
  readonly issuer: string;
  /** The client secret of an integration client (embedded provider), for the operator. */
  clientSecret(clientId: string, version?: number): string;
  /** OpenAPI description of these routes, for /openapi.json. */
  readonly operations: readonly ApiOperation[];
  /** How the admin web signs in (`GET /v1/admin/config`): the issuer, its client, its scopes. */
  readonly adminClient: {
    readonly issuer: string;
    readonly clientId: string;
    readonly scope: string;
  };
};

/** Paths of the people-and-HQ API; each is behind an access token and CORS for the admin web. */
const ACTOR_PATHS = [
  '/users',
  '/users/*',
  '/role-assignments',
  '/role-assignments/*',
  '/stores',
  '/reports/*',
  '/stock-levels',
  '/audit/*',
];

/**
 * Builds identity and access: the embedded OpenID provider (unless an external issuer is
 * configured), the access-token verifier, and the routes for people, roles, scoped reads, audit and
 * PINs.
 */
export async function createIdentity(deps: IdentityDeps): Promise<Identity> {
  const { db, clock, config } = deps;
  const clientSecretKey = deriveKey(deps.secret, 'kiryana oidc client secrets v1');
  let provider: Provider | undefined;
  let issuer: string;
  let keys;
  if (config.external) {
    issuer = config.external.issuer;
    keys = config.external.jwks
      ? createLocalJWKSet(config.external.jwks)
      : createRemoteJWKSet(new URL(config.external.jwksUrl ?? (await discoverJwksUri(issuer))));
  } else {
    issuer = `${config.publicUrl.replace(/\/+$/, '')}${OIDC_BASE_PATH}`;
    const signingKeys = await loadSigningKeys(db, deps.secret);
    // Loaded only when embedded: a server using an external issuer never loads oidc-provider.
    const { createEmbeddedProvider } = await import('./oidc-provider');
    provider = createEmbeddedProvider({
      db,
      issuer,
      audience: config.audience,
      signingKeys,
      cookieKeys: [deriveKey(deps.secret, 'kiryana oidc cookies v1').toString('base64url')],
      clientSecretKey,
      adminRedirectUris: config.adminRedirectUris,
      trustProxy: config.trustProxy,
    });
    keys = createLocalJWKSet(publicJwks(signingKeys));
  }
  const verifyAccessToken = createAccessTokenVerifier(
    {
      issuer,
      audience: config.audience,
      algorithms: config.external ? config.algorithms : ['RS256'],
      tokenTypes: config.tokenTypes,
      grants: config.external ? config.grants : DEFAULT_GRANTS_CLAIM,
      keys,
    },
    clock,
  );

  const routes = new Hono<AppEnv>();
  if (provider) {
    routes.route(
      OIDC_BASE_PATH,
      createOidcRoutes({
        db,
        clock,
        provider,
        basePath: OIDC_BASE_PATH,
        trustProxy: config.trustProxy,
      }),
    );
  }
  const origins = [...new Set(config.adminRedirectUris.map((uri) => new URL(uri).origin))];
  const api = new Hono<ActorEnv>();
  const corsForAdmin = cors({
    origin: origins,
    allowHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
    maxAge: 600,
  });
  for (const path of ACTOR_PATHS) api.use(path, corsForAdmin, requireActor(verifyAccessToken));
  const pinDeps = {
    db,
    clock,
    grantsOf: grantsOfUser,
    verifierTtlMs: config.pinVerifierTtlMs,
    ...(config.pinScrypt ? { scrypt: config.pinScrypt } : {}),
  };
  api.route('/', createIdentityRoutes({ db, clock }));
  api.route('/', createScopedReadRoutes({ db, clock }));
  api.route('/', createUserPinRoutes(pinDeps));
  api.route('/audit', createAuditRoutes({ db }));
  routes.route('/v1', api);
  routes.use('/v1/pins/*', requireDevice(deps.verifyDeviceToken));
  routes.route('/v1/pins', createDevicePinRoutes(pinDeps));
  return {
    routes,
    verifyAccessToken,
    provider,
    issuer,
    clientSecret: (clientId, version = 1) =>
      integrationClientSecret(clientSecretKey, clientId, version),
    operations: identityOperations,
    adminClient: {
      issuer,
      clientId: ADMIN_CLIENT_ID,
      scope: `openid profile offline_access ${API_SCOPE}`,
    },
  };
}

async function discoverJwksUri(issuer: string): Promise<string> {
  const response = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
  if (!response.ok)
    throw new Error(`OIDC discovery of ${issuer} failed with HTTP ${response.status}`);
  const document = (await response.json()) as { jwks_uri?: unknown; issuer?: unknown };
  if (document.issuer !== issuer || typeof document.jwks_uri !== 'string') {
    throw new Error(`OIDC discovery of ${issuer} returned another issuer or no jwks_uri`);
  }
  return document.jwks_uri;
}
