import { readFile } from 'node:fs/promises';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';

/**
 * Transport security. With TLS_CERT and TLS_KEY (PEM files) the server terminates TLS itself;
 * without them it speaks plain HTTP, for loopback demos or behind a TLS-terminating proxy
 * (TRUST_PROXY=true, so X-Forwarded-* are believed). HSTS is sent only on responses that travelled
 * over HTTPS (RFC 6797 §7.2: never over plain HTTP). docs/security.md has the set-ups.
 */
export type TransportEnv = {
  readonly TLS_CERT?: string | undefined;
  readonly TLS_KEY?: string | undefined;
  readonly TRUST_PROXY: boolean;
  readonly HSTS_MAX_AGE: number;
};

/** What to spread into `serve()` of @hono/node-server, and the protocol it will speak. */
export type ServeTransport =
  | { readonly protocol: 'http' }
  | {
      readonly protocol: 'https';
      readonly createServer: typeof createHttpsServer;
      readonly serverOptions: ServerOptions;
    };

/** Reads the certificate and key when configured; refuses one without the other. */
export async function serveTransport(env: TransportEnv): Promise<ServeTransport> {
  if (!env.TLS_CERT && !env.TLS_KEY) return { protocol: 'http' };
  if (!env.TLS_CERT || !env.TLS_KEY) {
    throw new Error(
      'TLS_CERT and TLS_KEY must be set together (PEM files of the certificate and its key).',
    );
  }
  const [cert, key] = await Promise.all([readFile(env.TLS_CERT), readFile(env.TLS_KEY)]);
  return {
    protocol: 'https',
    createServer: createHttpsServer,
    // TLS 1.2 is the floor: older versions are broken, and every supported browser speaks 1.2+.
    serverOptions: { cert, key, minVersion: 'TLSv1.2' },
  };
}

/**
 * Wraps the app's fetch so every response that went over HTTPS — here, or at a trusted proxy that
 * says so in X-Forwarded-Proto — carries Strict-Transport-Security.
 */
export function withHsts<E>(
  fetch: (request: Request, env: E) => Response | Promise<Response>,
  options: { readonly tls: boolean; readonly trustProxy: boolean; readonly maxAgeSec: number },
): (request: Request, env: E) => Promise<Response> {
  const value = `max-age=${options.maxAgeSec}; includeSubDomains`;
  return async (request, env) => {
    const overHttps =
      options.tls ||
      (options.trustProxy &&
        request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https');
    if (!overHttps || options.maxAgeSec === 0) return fetch(request, env);
    // On Node the header goes on the raw response first, so it also reaches responses written
    // directly to it (the OpenID provider's); Node merges it into whatever is written later.
    const outgoing = (env as { outgoing?: { setHeader?: (name: string, value: string) => void } })
      .outgoing;
    if (outgoing?.setHeader) {
      outgoing.setHeader('Strict-Transport-Security', value);
      return fetch(request, env);
    }
    const response = await fetch(request, env);
    const copy = new Response(response.body, response);
    copy.headers.set('Strict-Transport-Security', value);
    return copy;
  };
}
