import type { SSEStreamingApi } from 'hono/streaming';

/**
 * Calls `beat` every `intervalMs` until the client goes away, then resolves. Heartbeats keep
 * proxies with idle timeouts from closing a quiet event stream; the abort wakes the loop at once
 * so a closed stream does not linger until the next interval.
 */
export async function heartbeatUntilAborted(
  stream: SSEStreamingApi,
  intervalMs: number,
  beat: () => void,
): Promise<void> {
  let wake: (() => void) | undefined;
  stream.onAbort(() => {
    wake?.();
  });
  // A function, not the property, so the compiler does not narrow `aborted` across the await.
  const isOpen = () => !stream.aborted;
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
