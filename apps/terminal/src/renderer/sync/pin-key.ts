import { pinKeyResponseSchema } from '@kiryana/shared';
import { importPinKey } from '../features/pin/pin-crypto';
import {
  type DeviceCredential,
  type FetchLike,
  errorOf,
  syncPaths,
  urlOf,
} from '@kiryana/sync-client';

/**
 * This terminal's PIN key as an HMAC key. A credential from enrolment carries it; one from before
 * PIN keys fetches it once from `POST /v1/devices/pin-key` with the device credential (never the
 * access token) and saves it beside the secret, encrypted at rest like the rest of the credential.
 * Until then `get` throws, and PIN sync retries with its next cycle.
 */
export function createPinKeySource(options: {
  credential: DeviceCredential;
  fetchFn: FetchLike;
  save: (credential: DeviceCredential) => Promise<void>;
}): { get(): Promise<CryptoKey>; forget(): Promise<void> } {
  let key: Promise<CryptoKey> | undefined;
  let forgotten = false;
  const load = async (): Promise<CryptoKey> => {
    if (forgotten) throw new Error('The PIN key was forgotten: this device was revoked.');
    const { credential } = options;
    if (credential.pinKey !== undefined) return importPinKey(credential.pinKey);
    const response = await options.fetchFn(urlOf(credential.serverUrl, syncPaths.pinKey), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId: credential.deviceId, secret: credential.deviceSecret }),
    });
    if (!response.ok) throw await errorOf(response);
    const { pinKey } = pinKeyResponseSchema.parse(await response.json());
    await options.save({ ...credential, pinKey });
    return importPinKey(pinKey);
  };
  return {
    get() {
      key ??= load().catch((error: unknown) => {
        key = undefined;
        throw error;
      });
      return key;
    },
    /**
     * Drops the key from memory and from the saved credential (a revoked device): verifiers
     * sealed under it can no longer be checked here, nor the key fetched again with this secret.
     */
    async forget() {
      forgotten = true;
      key = undefined;
      const { pinKey: _dropped, ...rest } = options.credential;
      await options.save(rest);
    },
  };
}
