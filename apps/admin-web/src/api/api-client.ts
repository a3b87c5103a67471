import { ApiError, decodeError } from './api-error';

/** Supplies the current access token, renewing it when needed; undefined when signed out. */
export type TokenSource = () => Promise<string | undefined>;

/** What every feature calls the server with. */
export type ApiClient = {
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** A text download (CSV) with the access token, as a Blob for saving. */
  download(path: string): Promise<Blob>;
  /** Opens a streaming response (Server-Sent Events) with the access token. */
  stream(path: string, signal: AbortSignal): Promise<Response>;
};

/**
 * The one HTTP client of the admin web: same-origin API paths, the bearer token on every call,
 * JSON in and out, and every failure as an ApiError decoded from the shared envelope.
 */
export function createApiClient(
  token: TokenSource,
  options: { base?: string; onUnauthenticated?: () => void } = {},
): ApiClient {
  const base = options.base ?? '';
  const call = async (path: string, init: RequestInit): Promise<Response> => {
    const headers = new Headers(init.headers);
    const bearer = await token();
    if (bearer) headers.set('Authorization', `Bearer ${bearer}`);
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, { ...init, headers });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new ApiError(0, 'NETWORK', 'The server cannot be reached.');
    }
    if (!response.ok) {
      // A token the server no longer accepts (expired, revoked, keys rotated): sign in again.
      if (response.status === 401) options.onUnauthenticated?.();
      throw decodeError(response.status, await response.text());
    }
    return response;
  };
  const json = async <T>(response: Response): Promise<T> =>
    (response.status === 204 ? undefined : await response.json()) as T;
  return {
    get: async (path, signal) => json(await call(path, signal ? { signal } : {})),
    send: async (method, path, body) =>
      json(
        await call(path, {
          method,
          ...(body === undefined
            ? {}
            : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
        }),
      ),
    download: async (path) => (await call(path, {})).blob(),
    stream: (path, signal) => call(path, { signal, headers: { Accept: 'text/event-stream' } }),
  };
}
