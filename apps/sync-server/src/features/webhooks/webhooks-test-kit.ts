import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Actor, EventEnvelope } from '@kiryana/shared';
import { eventIdOf } from '../events/event-id';

/**
 * Helpers of the webhook suites: a clock tests move by hand, real HTTP receivers on 127.0.0.1
 * whose behaviour a test changes while they run, and events shaped as the relay publishes them.
 */

/** A clock a test sets and moves. */
export type ManualClock = { now(): number; advance(ms: number): void; set(ms: number): void };

/** A manual clock starting at `startMs` (default: now). */
export function manualClock(startMs = Date.now()): ManualClock {
  let nowMs = startMs;
  return {
    now: () => nowMs,
    advance: (ms) => {
      nowMs += ms;
    },
    set: (ms) => {
      nowMs = ms;
    },
  };
}

/** One request a receiver got. */
export type Received = {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly event: EventEnvelope;
};

/** How a receiver answers a request: a status after a delay, or never (`hang`). */
export type Answer = { status: number; delayMs?: number } | 'hang';

/** A real HTTP receiver. */
export type Receiver = {
  readonly url: string;
  readonly port: number;
  /** Every request, repeats included, in arrival order. */
  readonly received: Received[];
  /** The most requests it ever held open at once. */
  maxInFlight(): number;
  /** Changes how it answers from now on. */
  answer(fn: (request: Received) => Answer): void;
  /** Unique events (by `webhook-id`) in first-arrival order, among those answered 2xx. */
  accepted(): EventEnvelope[];
  close(): Promise<void>;
};

/** Starts a receiver on 127.0.0.1 (on `port` when given: a receiver coming back up). */
export async function startReceiver(
  answer: (request: Received) => Answer = () => ({ status: 204 }),
  port = 0,
): Promise<Receiver> {
  let answerOf = answer;
  let inFlight = 0;
  let maxInFlight = 0;
  const received: Received[] = [];
  const accepted = new Map<string, EventEnvelope>();
  const hanging = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const body = Buffer.concat(chunks).toString('utf8');
      const request: Received = {
        headers: req.headers,
        body,
        event: JSON.parse(body) as EventEnvelope,
      };
      received.push(request);
      const decided = answerOf(request);
      const finish = (status: number) => {
        inFlight -= 1;
        if (status >= 200 && status < 300) {
          const id = String(req.headers['webhook-id']);
          if (!accepted.has(id)) accepted.set(id, request.event);
        }
        res.writeHead(status).end();
      };
      if (decided === 'hang') {
        const release = () => {
          inFlight -= 1;
          res.destroy();
        };
        hanging.add(release);
        res.on('close', () => {
          if (hanging.delete(release)) inFlight -= 1;
        });
        return;
      }
      if (decided.delayMs) {
        setTimeout(() => {
          finish(decided.status);
        }, decided.delayMs);
      } else {
        finish(decided.status);
      }
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${String(bound)}/hook`,
    port: bound,
    received,
    maxInFlight: () => maxInFlight,
    answer: (fn) => {
      answerOf = fn;
    },
    accepted: () => [...accepted.values()],
    close: () =>
      new Promise<void>((resolve) => {
        for (const release of hanging) release();
        hanging.clear();
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** A `stock.level_changed` event of a store, as the relay publishes it. */
export function testEvent(storeId: string, regionId: string, seq: number): EventEnvelope {
  return {
    id: eventIdOf(storeId, `test-${String(seq)}`),
    type: 'stock.level_changed',
    version: 1,
    storeId,
    regionId,
    occurredAt: new Date(1_765_000_000_000 + seq * 1000).toISOString(),
    storeSeq: String(seq),
    data: { productId: 'p1', qtyBase: seq, deltaBase: 1 },
  };
}

/** An HQ integration holding `webhooks:manage` at these scopes (`all`, `store:s1`, `region:r1`). */
export function integrationActor(id: string, scopes: readonly string[]): Actor {
  return {
    id,
    kind: 'integration',
    grants: [{ role: 'integration', scope: { kind: 'all' } }],
    extraPermissions: scopes.map((text) => {
      const [kind, value = ''] = text.split(':');
      return {
        permission: 'webhooks:manage' as const,
        scope:
          kind === 'store'
            ? { kind: 'store' as const, storeId: value }
            : kind === 'region'
              ? { kind: 'region' as const, regionId: value }
              : { kind: 'all' as const },
      };
    }),
  };
}

/** Whether each store's `storeSeq`s (in arrival order) strictly increase. */
export function inStoreOrder(events: readonly EventEnvelope[]): boolean {
  const last = new Map<string, bigint>();
  for (const event of events) {
    const seq = BigInt(event.storeSeq);
    if ((last.get(event.storeId) ?? 0n) >= seq) return false;
    last.set(event.storeId, seq);
  }
  return true;
}
