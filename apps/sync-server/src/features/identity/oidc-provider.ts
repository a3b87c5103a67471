import type { JWK } from 'jose';
import Provider, { type Configuration, errors } from 'oidc-provider';
import type { Db } from '../../db/db';
import { grantEntries } from '../../auth/grants-claim';
import { createOidcAdapterFactory } from './oidc-adapter';
import { ADMIN_CLIENT_ID, API_SCOPE } from './oidc-clients';
import { findUserById, grantsOfUser } from './user.queries';

/** Lifetimes, in seconds. Access tokens are short: role changes reach the API within this time. */
const TTL = {
  AccessToken: 900,
  ClientCredentials: 900,
  AuthorizationCode: 60,
  IdToken: 900,
  Interaction: 600,
  Session: 8 * 3600,
  Grant: 8 * 3600,
  RefreshToken: 8 * 3600,
} as const;

/** What the embedded provider needs. */
export type EmbeddedProviderOptions = {
  readonly db: Db;
  /** Issuer URL, the provider's mount point: `<public url>/oidc`. */
  readonly issuer: string;
  /** The API's audience and resource indicator (an absolute URI such as `urn:kiryana:api`). */
  readonly audience: string;
  readonly signingKeys: readonly JWK[];
  readonly cookieKeys: readonly string[];
  readonly clientSecretKey: Buffer;
  readonly adminRedirectUris: readonly string[];
  /** Trust X-Forwarded-Proto/Host (behind a TLS-terminating proxy). */
  readonly trustProxy: boolean;
};

/**
 * panva's oidc-provider configured for Kiryana: users from our database, the admin web as a
 * public PKCE client, HQ integrations with client credentials, refresh tokens that rotate (a reused
 * one revokes its grant), and JWT access tokens for the API resource carrying the caller's grants
 * in `kiryana_grants`, so the API verifies them exactly as it verifies an external issuer's.
 */
export function createEmbeddedProvider(options: EmbeddedProviderOptions): Provider {
  const { db, audience } = options;
  const secureCookies = options.issuer.startsWith('https:');
  const cookie = { signed: true, httpOnly: true, sameSite: 'lax', secure: secureCookies } as const;
  const configuration: Configuration = {
    adapter: createOidcAdapterFactory(db, options.clientSecretKey),
    clients: [
      {
        client_id: ADMIN_CLIENT_ID,
        client_name: 'Kiryana admin',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [...options.adminRedirectUris],
        // After signing out the admin web returns to its start page: the folder above `auth/callback`.
        post_logout_redirect_uris: options.adminRedirectUris.map((uri) => new URL('..', uri).href),
      },
    ],
    jwks: { keys: options.signingKeys.map((k) => ({ ...k })) },
    cookies: { keys: [...options.cookieKeys], long: cookie, short: cookie },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    scopes: ['openid', 'profile', 'offline_access'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== audience) throw new errors.InvalidTarget();
          return {
            scope: API_SCOPE,
            audience,
            accessTokenTTL: TTL.AccessToken,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    interactions: {
      url: (_ctx, interaction) =>
        `${new URL(options.issuer).pathname}/interaction/${interaction.uid}`,
    },
    ttl: { ...TTL },
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    findAccount: async (_ctx, sub) => {
      const user = await findUserById(db, sub);
      if (!user || user.status !== 'active') return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, name: user.displayName, preferred_username: user.username }),
      };
    },
    extraTokenClaims: async (_ctx, token) => {
      // An integration acts as its own user; a person as the account that signed in.
      // (`sub` of a client-credentials token is the client id, RFC 9068 §2.2.)
      const userId =
        token.kind === 'ClientCredentials'
          ? await integrationUserOf(db, token.clientId ?? '')
          : token.accountId;
      if (!userId) return { kiryana_grants: [] };
      const { grants, extraPermissions } = await grantsOfUser(db, userId);
      return { kiryana_grants: grantEntries(grants, extraPermissions) };
    },
    // The admin web is first-party: no consent screen, the grant covers what it may ask for.
    loadExistingGrant: async (ctx) => {
      const grantId =
        ctx.oidc.result?.consent?.grantId ??
        ctx.oidc.session?.grantIdFor(ctx.oidc.client?.clientId ?? '');
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      if (ctx.oidc.client?.clientId !== ADMIN_CLIENT_ID || !ctx.oidc.session?.accountId)
        return undefined;
      const grant = new ctx.oidc.provider.Grant({
        clientId: ADMIN_CLIENT_ID,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid profile offline_access');
      grant.addResourceScope(audience, API_SCOPE);
      await grant.save();
      return grant;
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      const items = Object.entries(out)
        .map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(String(v))}</dd>`)
        .join('');
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in problem</title></head><body><main><h1>Sign-in problem</h1><dl>${items}</dl></main></body></html>`;
    },
  };
  const provider = new Provider(options.issuer, configuration);
  provider.proxy = options.trustProxy;
  return provider;
}

async function integrationUserOf(db: Db, clientId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ user_id: string }>(
    'SELECT user_id FROM integration_clients WHERE client_id = $1',
    [clientId],
  );
  return rows[0]?.user_id;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
