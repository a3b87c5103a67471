import { enrollResponseSchema, tokenResponseSchema, type Clock } from '@kiryana/shared';
import type { DeviceCredential } from './device-credential';
import { isEndpointFailure, type SyncEndpoints } from './sync-endpoints';
import { errorOf, urlOf, type FetchLike } from './sync-http';
import { syncPaths } from './sync-paths';

/**
 * Enrolment and access tokens (`/v1/devices`). The access token is short-lived and kept in memory
 * only; it is fetched again shortly before it expires or when the server says TOKEN_EXPIRED.
 */

/** Exchanges a one-time enrolment code for this terminal's device credential. */
export async function enrollDevice(
  fetchFn: FetchLike,
  serverUrl: string,
  code: string,
  terminalName: string,
): Promise<DeviceCredential> {
  const response = await fetchFn(urlOf(serverUrl, syncPaths.enroll), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: code.trim(), terminalName }),
  });
  if (!response.ok) throw await errorOf(response);
  const enrolled = enrollResponseSchema.parse(await response.json());
  return { serverUrl: serverUrl.replace(/\/+$/, ''), ...enrolled };
}

/** A cached access token source. */
export type AccessTokens = {
  /** A token valid for at least a minute more. */
  get(): Promise<string>;
  /** Forgets the cached token (after a 401). */
  invalidate(): void;
};

/** Refresh this long before expiry, so a request never leaves with a token about to lapse. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * Creates the access token source of a credential.
 * @example
 * const tokens = createAccessTokens(fetch, credential, { now: Date.now });
 * headers.authorization = `Bearer ${await tokens.get()}`;
 */
export function createAccessTokens(
  fetchFn: FetchLike,
  credential: Pick<DeviceCredential, 'serverUrl' | 'deviceId' | 'deviceSecret'>,
  clock: Clock,
  /** The terminal's endpoint list: tokens come from the region in use (they share the key). */
  endpoints?: SyncEndpoints,
): AccessTokens {
  let cached: { token: string; refreshAtMs: number } | undefined;
  let inFlight: Promise<string> | undefined;
  const fetchToken = async (): Promise<string> => {
    const base = (await endpoints?.acquire()) ?? credential.serverUrl;
    let response: Response;
    try {
      response = await fetchFn(urlOf(base, syncPaths.token), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ deviceId: credential.deviceId, secret: credential.deviceSecret }),
      });
    } catch (error) {
      endpoints?.report(base, false);
      throw error;
    }
    endpoints?.report(base, !isEndpointFailure(response.status));
    if (!response.ok) throw await errorOf(response);
    const body = tokenResponseSchema.parse(await response.json());
    const lifetimeMs = body.expiresIn * 1000;
    cached = {
      token: body.accessToken,
      refreshAtMs: clock.now() + Math.max(lifetimeMs - REFRESH_MARGIN_MS, lifetimeMs / 2),
    };
    return body.accessToken;
  };
  return {
    get() {
      if (cached !== undefined && clock.now() < cached.refreshAtMs)
        return Promise.resolve(cached.token);
      inFlight ??= fetchToken().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
