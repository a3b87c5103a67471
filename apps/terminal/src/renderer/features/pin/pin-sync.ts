import type { PinEvent } from '@kiryana/shared';
import { z } from 'zod';
import { type AccessTokens, type FetchLike, errorOf, urlOf } from '@kiryana/sync-client';
import { type PinGate, uploadPinEvents } from './pin-gate';

const refusalSchema = z.object({
  error: z.object({
    code: z.literal('PIN_EVENT_REFUSED'),
    details: z.object({ userIds: z.array(z.string()).min(1) }),
  }),
});

/** What one PIN contact with the server did. */
export type PinSyncResult = { verifiers: 'replaced' | 'forgotten'; uploaded: number };

/**
 * One contact about PINs, to run with every sync cycle: uploads queued PIN events, then replaces
 * the verifiers with the server's current set. A revoked device forgets every verifier, so nobody
 * signs in on it any more; other failures throw (the caller retries with its sync back-off).
 */
export async function syncPins(options: {
  gate: PinGate;
  fetchFn: FetchLike;
  serverUrl: string;
  tokens: AccessTokens;
  /** Makes sure this terminal holds its PIN key (fetching it once if enrolled before PIN keys). */
  ensurePinKey?: () => Promise<unknown>;
}): Promise<PinSyncResult> {
  const { gate, fetchFn, serverUrl, tokens } = options;
  // Verifiers sealed under a key the terminal lacks would refuse every PIN: get the key first.
  await options.ensurePinKey?.();
  const call = async (path: string, init: RequestInit = {}): Promise<Response> => {
    for (let attempt = 0; ; attempt += 1) {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${await tokens.get()}`);
      const response = await fetchFn(urlOf(serverUrl, path), { ...init, headers });
      if (response.status !== 401 || attempt > 0) return response;
      const error = await errorOf(response.clone());
      if (error.code === 'DEVICE_REVOKED') return response;
      // An expired token: fetch a fresh one once.
      tokens.invalidate();
    }
  };

  const verifiers = await call('/v1/pins/verifiers');
  if (!verifiers.ok) {
    const error = await errorOf(verifiers);
    if (error.code !== 'DEVICE_REVOKED') throw error;
    await gate.forgetVerifiers();
    return { verifiers: 'forgotten', uploaded: 0 };
  }
  const issued: unknown = await verifiers.json();
  // The server refuses a whole upload naming anyone whose verifier this device never received
  // (e.g. events queued before an upgrade about someone not assigned to this store): those events
  // can never be accepted, so they are dropped and the rest sent again, instead of blocking the
  // queue, and with it every later verifier update, for good.
  const post = async (events: PinEvent[]): Promise<void> => {
    const response = await call('/v1/pins/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    if (response.ok) return;
    const refused = refusalSchema.safeParse(
      await response
        .clone()
        .json()
        .catch(() => null),
    );
    if (!refused.success) throw await errorOf(response);
    const strangers = new Set(refused.data.error.details.userIds);
    const rest = events.filter((e) => !strangers.has(e.userId));
    // A refusal naming nobody in this batch is not understood: keep the batch, retry next cycle.
    if (rest.length === events.length) throw await errorOf(response);
    if (rest.length > 0) await post(rest);
  };
  const uploaded = await uploadPinEvents(gate, post);
  await gate.replaceVerifiers(issued);
  return { verifiers: 'replaced', uploaded };
}
