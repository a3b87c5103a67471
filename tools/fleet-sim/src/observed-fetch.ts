/**
 * The `fetch` handed to the terminal's sync session, watching what goes over the wire without
 * changing it: which pushed ids the server acknowledged (what the terminal believes it sent),
 * conflicts and quarantined rows in answers, failed requests, and the hints on the event stream.
 */

import { QUARANTINED_HEADER } from '@kiryana/shared';

/** What the terminal's traffic showed. */
export type WireLog = {
  /** Ids of documents in pushes the server answered with 200. */
  readonly acknowledged: Set<string>;
  pushes: number;
  /** Documents pushed, counting every resend. */
  pushedRows: number;
  conflicts: number;
  quarantined: number;
  /**
   * Push attempts that did not get a 2xx answer (network failure or an error status): each one
   * is a push the replication sends again later, so 0 means every push succeeded on its first try.
   */
  pushFailures: number;
  /** Push bodies sent, in bytes, and the largest one (HAProxy retries only what fits its buffer). */
  pushedBytes: number;
  largestPushBytes: number;
  /**
   * Each push attempt: when it started (epoch ms), how long until its answer's head or failure,
   * the origin it went to (which region) and whether it got a 2xx answer.
   */
  readonly pushTimings: { at: number; ms: number; origin: string; ok: boolean }[];
  /** Requests that failed in the network (refused, reset, cut). */
  networkErrors: number;
  /** Answers with a status ≥ 400, by status. */
  readonly httpErrors: Record<string, number>;
  pulls: number;
  pokes: number;
  resyncs: number;
  streamsOpened: number;
};

/** An empty log. */
export function createWireLog(): WireLog {
  return {
    acknowledged: new Set(),
    pushes: 0,
    pushedRows: 0,
    pushFailures: 0,
    pushedBytes: 0,
    largestPushBytes: 0,
    pushTimings: [],
    conflicts: 0,
    quarantined: 0,
    networkErrors: 0,
    httpErrors: {},
    pulls: 0,
    pokes: 0,
    resyncs: 0,
    streamsOpened: 0,
  };
}

function pushedIds(body: unknown): string[] {
  if (typeof body !== 'string') return [];
  try {
    const rows = JSON.parse(body) as { newDocumentState?: { id?: unknown } }[];
    return rows.map((row) => row.newDocumentState?.id).filter((id) => typeof id === 'string');
  } catch {
    return [];
  }
}

function countStreamEvents(response: Response, log: WireLog): Response {
  if (!response.body) return response;
  const decoder = new TextDecoder();
  let tail = '';
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const lines = (tail + decoder.decode(chunk, { stream: true })).split('\n');
      tail = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'event: poke') log.pokes += 1;
        else if (line === 'event: resync') log.resyncs += 1;
      }
      controller.enqueue(chunk);
    },
  });
  return new Response(response.body.pipeThrough(counter), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** Wraps `inner` so every request the terminal makes is recorded in `log`. */
export function observedFetch(log: WireLog, inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const { pathname: path, origin } = new URL(url);
    const isPush = init?.method === 'POST' && path.endsWith('/push');
    if (isPush) {
      log.pushes += 1;
      log.pushedRows += pushedIds(init.body).length;
      if (typeof init.body === 'string') {
        const bytes = Buffer.byteLength(init.body);
        log.pushedBytes += bytes;
        log.largestPushBytes = Math.max(log.largestPushBytes, bytes);
      }
    }
    if (path.endsWith('/pull')) log.pulls += 1;
    let response: Response;
    const at = Date.now();
    const started = performance.now();
    try {
      response = await inner(input, init);
    } catch (error) {
      log.networkErrors += 1;
      if (isPush) {
        log.pushFailures += 1;
        log.pushTimings.push({ at, ms: performance.now() - started, origin, ok: false });
      }
      throw error;
    }
    if (isPush) {
      const ok = response.status < 300;
      log.pushTimings.push({ at, ms: performance.now() - started, origin, ok });
      if (!ok) log.pushFailures += 1;
    }
    if (response.status >= 400) {
      log.httpErrors[response.status] = (log.httpErrors[response.status] ?? 0) + 1;
      return response;
    }
    if (isPush) {
      // Read a copy: the terminal reads the original. An answer cut mid-body never counts.
      const conflicts = (await response.clone().json()) as unknown[];
      for (const id of pushedIds(init.body)) log.acknowledged.add(id);
      log.conflicts += conflicts.length;
      log.quarantined += Number(response.headers.get(QUARANTINED_HEADER) ?? 0);
      return response;
    }
    if (path.endsWith('/v1/sync/stream')) {
      log.streamsOpened += 1;
      return countStreamEvents(response, log);
    }
    return response;
  };
}
