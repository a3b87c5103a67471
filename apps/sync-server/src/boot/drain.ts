import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Draining before a shutdown (SIGTERM from Kubernetes or a rolling restart behind the gateway):
 * 1. /readyz answers 503 `draining` for `drainMs` while every request is still served, so the
 *    gateway's health checks take this process out of rotation before anything is refused;
 * 2. the listener closes and open event streams end, so their clients reconnect to another
 *    process at once instead of waiting for a heartbeat to go missing;
 * 3. requests in flight (pushes) finish within the grace; whatever is left then is cut.
 */

/** The draining flag /readyz reads. */
export type DrainState = {
  readonly isDraining: () => boolean;
  /** Marks the process draining, then waits `drainMs`. */
  begin(drainMs: number): Promise<void>;
};

/** A fresh state: not draining. */
export function createDrainState(): DrainState {
  let draining = false;
  return {
    isDraining: () => draining,
    async begin(drainMs) {
      draining = true;
      if (drainMs > 0) await sleep(drainMs);
    },
  };
}

/** What `trackEventStreams` needs of the HTTP(S) server. */
type RequestSource = {
  on(event: 'request', listener: (req: IncomingMessage, res: ServerResponse) => void): unknown;
};

/**
 * Keeps the responses a server has open, to end its event streams on shutdown: server.close()
 * waits for every open connection, and a stream never ends by itself.
 * @returns `endStreams`, which ends every open event stream and says how many it ended
 */
export function trackEventStreams(server: RequestSource): { endStreams(): number } {
  const open = new Set<ServerResponse>();
  server.on('request', (_req, res) => {
    open.add(res);
    res.once('close', () => open.delete(res));
  });
  return {
    endStreams() {
      let ended = 0;
      for (const res of open) {
        // A stream is a response whose headers went out while its body is still open: every other
        // answer of this server writes its head and body together (no other body is streamed).
        // Destroying it, not end(), because the stream's writer may still write a heartbeat, and a
        // write after end() is an error event; clients read either as "reconnect".
        if (res.headersSent && !res.writableEnded) {
          res.destroy();
          ended += 1;
        }
      }
      return ended;
    },
  };
}
