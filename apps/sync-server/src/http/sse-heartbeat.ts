import type { SSEStreamingApi } from 'hono/streaming';

/**
 * Calls `beat` every `intervalMs` until the client goes away or `end` fires, then resolves.
 * Heartbeats keep proxies with idle timeouts from closing a quiet event stream; the abort wakes
 * the loop at once so a closed stream does not linger until the next interval. `end` lets the
 * server finish a stream itself (a revoked device) without aborting it, which would drop the
 * events still queued for the client.
 */
export async function heartbeatUntilAborted(
  stream: SSEStreamingApi,
  intervalMs: number,
  beat: () => void,
  end?: AbortSignal,
): Promise<void> {
  let wake: (() => void) | undefined;
  stream.onAbort(() => {
    wake?.();
  });
  end?.addEventListener('abort', () => {
    wake?.();
  });
  // A function, not the property, so the compiler does not narrow `aborted` across the await.
  const isOpen = () => !stream.aborted && end?.aborted !== true;
  while (isOpen()) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, intervalMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    if (!isOpen()) break;
    beat();
  }
}
