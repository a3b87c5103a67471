import { isSyncCollection, type SyncCollection } from '@kiryana/shared';
import { firstValueFrom, filter } from 'rxjs';
import type { NetworkStatus } from './network-status';
import { readSse } from './sse';
import type { SyncApi } from './sync-api';
import { SyncHttpError } from './sync-http';

/**
 * The live half of replication: `GET /v1/sync/stream` carries hints, never documents (SYNC.md).
 * A `resync` (sent on every connect) or a `poke` makes the affected collections pull with RxDB's
 * 'RESYNC'. The stream reconnects with jittered backoff, so a thousand terminals coming back after
 * an outage do not arrive at once, and a silent stream (no heartbeat for 60 s) is treated as dead.
 * A revoked device is told so once (the server's last `revoked` event, or DEVICE_REVOKED when it
 * reconnects) and the stream stops for good: reconnecting could only be refused again.
 */

/** What the stream asks replication to do. */
export type SyncHint =
  | { readonly kind: 'resync' }
  | { readonly kind: 'poke'; readonly collection: SyncCollection }
  | { readonly kind: 'revoked' };

/** A running stream. */
export type HintStream = { stop(): void };

const SILENCE_LIMIT_MS = 60_000;
const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function hintOf(event: string, data: string): SyncHint | undefined {
  if (event === 'resync') return { kind: 'resync' };
  if (event === 'revoked') return { kind: 'revoked' };
  if (event !== 'poke') return undefined;
  try {
    const parsed = JSON.parse(data) as { collection?: unknown };
    return typeof parsed.collection === 'string' && isSyncCollection(parsed.collection)
      ? { kind: 'poke', collection: parsed.collection }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Reads hints until the stream ends; true when it ended because the device was revoked. */
async function readStream(
  response: Response,
  onHint: (hint: SyncHint) => void,
  signal: AbortSignal,
): Promise<boolean> {
  const body = response.body;
  if (body === null) return false;
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const watchdog = new AbortController();
  let timer = setTimeout(() => {
    watchdog.abort();
  }, SILENCE_LIMIT_MS);
  const onAbort = () => {
    void reader.cancel();
  };
  signal.addEventListener('abort', onAbort);
  watchdog.signal.addEventListener('abort', onAbort);
  try {
    for await (const event of readSse(reader)) {
      clearTimeout(timer);
      timer = setTimeout(() => {
        watchdog.abort();
      }, SILENCE_LIMIT_MS);
      const hint = hintOf(event.event, event.data);
      if (hint === undefined) continue;
      onHint(hint);
      if (hint.kind === 'revoked') return true;
    }
    return false;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Starts the hint stream.
 * @example
 * const stream = startHintStream({ api, network, onHint: (hint) => … });
 * stream.stop();
 */
export function startHintStream(options: {
  api: Pick<SyncApi, 'openStream'>;
  network: NetworkStatus;
  onHint: (hint: SyncHint) => void;
  onError?: (error: unknown) => void;
  random?: () => number;
}): HintStream {
  const stopper = new AbortController();
  const random = options.random ?? Math.random;
  // A function, not the property itself: the flag changes while the loop awaits.
  const stopped = () => stopper.signal.aborted;
  const run = async () => {
    let failures = 0;
    while (!stopped()) {
      if (!options.network.isOnline()) {
        await Promise.race([
          firstValueFrom(options.network.online$.pipe(filter(Boolean))),
          sleep(BACKOFF_MAX_MS, stopper.signal),
        ]);
        continue;
      }
      try {
        const response = await options.api.openStream(stopper.signal);
        failures = 0;
        if (await readStream(response, options.onHint, stopper.signal)) return;
      } catch (error) {
        if (stopped()) return;
        if (error instanceof SyncHttpError && error.code === 'DEVICE_REVOKED') {
          options.onHint({ kind: 'revoked' });
          return;
        }
        failures += 1;
        options.onError?.(error);
      }
      const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.min(failures, 5));
      await sleep(BACKOFF_MIN_MS / 2 + random() * ceiling, stopper.signal);
    }
  };
  void run();
  return {
    stop: () => {
      stopper.abort();
    },
  };
}
