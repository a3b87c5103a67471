import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema';

/** How the client reaches the server and authenticates. */
export type HqClientOptions = {
  /** The sync server's URL, e.g. `http://localhost:8787`. */
  readonly baseUrl: string;
  /** A fixed OpenID access token. */
  readonly token?: string;
  /**
   * Gives the access token before each request (e.g. `clientCredentials(…).getToken`, which
   * caches it until shortly before it expires). Wins over `token`.
   */
  readonly getToken?: () => string | Promise<string>;
  /** The fetch to use (default: the global one). */
  readonly fetch?: typeof globalThis.fetch;
};

/** A typed client of every documented operation: `client.GET('/v1/admin/reports/sales', …)`. */
export type HqClient = Client<paths>;

/**
 * A typed client of the sync server's API (openapi-fetch over the generated `paths`). Each call
 * answers `{ data, error, response }`: `data` typed from the operation's success schema, `error`
 * the shared error envelope. Without `token` or `getToken` requests go without `Authorization`
 * (only the probes and `/openapi.json` answer them).
 */
export function createHqClient(options: HqClientOptions): HqClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const { token } = options;
  const tokenOf = options.getToken ?? (token === undefined ? undefined : () => token);
  if (tokenOf) {
    client.use({
      async onRequest({ request }) {
        request.headers.set('Authorization', `Bearer ${await tokenOf()}`);
        return request;
      },
    });
  }
  return client;
}
