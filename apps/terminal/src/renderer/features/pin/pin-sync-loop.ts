import type { Observable } from 'rxjs';
import type { AccessTokens, FetchLike } from '@kiryana/sync-client';
import type { PinGate } from './pin-gate';
import { syncPins } from './pin-sync';

/** How often PINs are fetched when nothing else happens, and the least gap between two contacts. */
const PIN_SYNC_INTERVAL_MS = 60_000;
const PIN_SYNC_MIN_GAP_MS = 10_000;

/** A running PIN sync. */
export type PinSyncLoop = {
  /** Ends the loop; a contact under way finishes on its own. */
  stop(): void;
};

/**
 * Runs `syncPins` at start, with every sync cycle the session reports (`cycles$` emits on each
 * successful pull or push) and once a minute, never two at a time and at most one per ten seconds,
 * so PIN changes and revocations reach the counter on the next contact.
 */
export function startPinSync(options: {
  gate: PinGate;
  fetchFn: FetchLike;
  serverUrl: string;
  tokens: AccessTokens;
  ensurePinKey?: () => Promise<unknown>;
  cycles$: Observable<unknown>;
  now: () => number;
  /** Called after each contact that reached the server (the verifiers may have changed). */
  onSynced?: () => void;
}): PinSyncLoop {
  let running = false;
  let stopped = false;
  let lastMs = Number.NEGATIVE_INFINITY;
  const run = (force: boolean) => {
    if (stopped || running) return;
    if (!force && options.now() - lastMs < PIN_SYNC_MIN_GAP_MS) return;
    running = true;
    lastMs = options.now();
    syncPins(options)
      .then(() => {
        if (!stopped) options.onSynced?.();
      })
      // Offline or refused: the next cycle retries; the stored verifiers keep the counter working.
      .catch(() => undefined)
      .finally(() => {
        running = false;
      });
  };
  run(true);
  const timer = setInterval(() => {
    run(true);
  }, PIN_SYNC_INTERVAL_MS);
  const subscription = options.cycles$.subscribe(() => {
    run(false);
  });
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      subscription.unsubscribe();
    },
  };
}
