/** Where and as whom an HQ integration asks for access tokens (OAuth 2 client credentials). */
export type ClientCredentialsOptions = {
  /**
   * The OpenID issuer: `<server>/oidc` for the server's embedded provider, or the external one
   * the server trusts. Its token endpoint comes from its discovery document.
   */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Default `api`, the scope of the sync server's API. */
  readonly scope?: string;
  /** The API's audience (RFC 8707 `resource`), when the issuer needs it named. */
  readonly resource?: string;
  readonly fetch?: typeof globalThis.fetch;
  /** The clock, in epoch milliseconds (default `Date.now`). */
  readonly now?: () => number;
  /** How long before its expiry a token is replaced (default 60 s). */
  readonly refreshMarginMs?: number;
};

/** Access tokens of one client, fetched when needed and cached until shortly before expiry. */
export type TokenSource = {
  /** A valid access token; concurrent calls share one request to the issuer. */
  readonly getToken: () => Promise<string>;
  /** Forgets the cached token (e.g. after a 401), so the next call asks again. */
  readonly invalidate: () => void;
};

type Cached = { readonly token: string; readonly renewAtMs: number };

/**
 * Access tokens by the client-credentials grant: discovers the issuer's token endpoint once, then
 * asks for a token when there is none or the cached one is about to expire.
 * @example
 * const tokens = clientCredentials({ issuer: `${server}/oidc`, clientId, clientSecret });
 * const client = createHqClient({ baseUrl: server, getToken: tokens.getToken });
 */
export function clientCredentials(options: ClientCredentialsOptions): TokenSource {
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? 60_000;
  let endpoint: Promise<string> | undefined;
  let cached: Cached | undefined;
  let pending: Promise<Cached> | undefined;

  const tokenEndpoint = () =>
    (endpoint ??= discoverTokenEndpoint(doFetch, options.issuer).catch((error: unknown) => {
      endpoint = undefined;
      throw error;
    }));

  async function requestToken(): Promise<Cached> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      scope: options.scope ?? 'api',
    });
    if (options.resource) body.set('resource', options.resource);
    const askedAt = now();
    const response = await doFetch(await tokenEndpoint(), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        // RFC 6749 §2.3.1: id and secret are form-encoded before they are joined.
        authorization: `Basic ${btoa(`${formEncode(options.clientId)}:${formEncode(options.clientSecret)}`)}`,
      },
      body,
    });
    const answer = (await response.json().catch(() => ({}))) as {
      access_token?: unknown;
      expires_in?: unknown;
      error?: unknown;
      error_description?: unknown;
    };
    if (!response.ok || typeof answer.access_token !== 'string') {
      throw new Error(
        `client credentials refused (HTTP ${response.status}): ${typeof answer.error === 'string' ? answer.error : 'no token'}${
          typeof answer.error_description === 'string' ? ` – ${answer.error_description}` : ''
        }`,
      );
    }
    const lifetimeMs = typeof answer.expires_in === 'number' ? answer.expires_in * 1000 : 300_000;
    // Counted from when it was asked for, so a slow answer never makes a token look younger.
    return {
      token: answer.access_token,
      renewAtMs: askedAt + Math.max(lifetimeMs - margin, lifetimeMs / 2),
    };
  }

  return {
    async getToken() {
      if (cached && now() < cached.renewAtMs) return cached.token;
      pending ??= requestToken().finally(() => {
        pending = undefined;
      });
      cached = await pending;
      return cached.token;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

/** The token endpoint from `<issuer>/.well-known/openid-configuration`, checked against the issuer. */
async function discoverTokenEndpoint(
  doFetch: typeof globalThis.fetch,
  issuer: string,
): Promise<string> {
  const base = issuer.replace(/\/+$/, '');
  const response = await doFetch(`${base}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`OpenID discovery of ${base} failed (HTTP ${response.status})`);
  const document = (await response.json()) as { issuer?: unknown; token_endpoint?: unknown };
  if (document.issuer !== base || typeof document.token_endpoint !== 'string') {
    throw new Error(`OpenID discovery of ${base} answered another issuer or no token endpoint`);
  }
  return document.token_endpoint;
}

function formEncode(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+');
}
