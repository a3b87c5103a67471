import { describe, expect, it } from 'vitest';
import { type SyncHint, startHintStream } from './hint-stream';
import { createManualNetworkStatus } from './network-status';
import { SyncHttpError } from './sync-http';

/** A stream response sending `events` (SSE text); it stays open unless `end` is set. */
function streamResponse(
  events: string[],
  end = false,
): { response: Response; cancelled: () => boolean } {
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const event of events) controller.enqueue(new TextEncoder().encode(event));
      if (end) controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { response: new Response(body, { status: 200 }), cancelled: () => cancelled };
}

/** Resolves when `check` passes, polling every 10 ms for up to 3 s. */
async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached within 3 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startHintStream', () => {
  it('turns resync and poke events into hints, skips the rest, and cancels the body on stop', async () => {
    const open = streamResponse([
      'retry: 3000\nevent: resync\ndata: {}\n\n',
      'event: heartbeat\ndata: {}\n\n',
      'event: poke\ndata: {"collection":"sales"}\n\n',
      'event: poke\ndata: {"collection":"not-a-collection"}\n\n',
      'event: poke\ndata: {"collection":"products"}\n\n',
    ]);
    const hints: SyncHint[] = [];
    const stream = startHintStream({
      api: { openStream: () => Promise.resolve(open.response) },
      network: createManualNetworkStatus(true),
      onHint: (hint) => hints.push(hint),
    });
    await until(() => hints.length === 3);
    stream.stop();
    await until(open.cancelled);
    expect(hints).toEqual([
      { kind: 'resync' },
      { kind: 'poke', collection: 'sales' },
      { kind: 'poke', collection: 'products' },
    ]);
  });

  it('reconnects after the server ends the stream, and hears the new resync', async () => {
    const responses = [
      streamResponse(['event: resync\ndata: {}\n\n'], true),
      streamResponse(['event: resync\ndata: {}\n\n']),
    ];
    let opens = 0;
    const hints: SyncHint[] = [];
    const stream = startHintStream({
      api: {
        openStream: () => {
          const next = responses[opens];
          opens += 1;
          return next ? Promise.resolve(next.response) : Promise.reject(new Error('no more'));
        },
      },
      network: createManualNetworkStatus(true),
      onHint: (hint) => hints.push(hint),
      random: () => 0,
    });
    await until(() => hints.length === 2);
    stream.stop();
    expect(opens).toBe(2);
    expect(hints).toEqual([{ kind: 'resync' }, { kind: 'resync' }]);
  });

  it('stops for good after a revoked event, and when the server refuses a revoked device', async () => {
    for (const openStream of [
      () => Promise.resolve(streamResponse(['event: revoked\ndata: {}\n\n'], true).response),
      () => Promise.reject(new SyncHttpError(403, 'DEVICE_REVOKED', 'This device was revoked.')),
    ]) {
      let opens = 0;
      const hints: SyncHint[] = [];
      startHintStream({
        api: {
          openStream: () => {
            opens += 1;
            return openStream();
          },
        },
        network: createManualNetworkStatus(true),
        onHint: (hint) => hints.push(hint),
        random: () => 0,
      });
      await until(() => hints.length === 1);
      // Longer than the shortest backoff (500 ms with this random): a reconnect would show.
      await sleep(700);
      expect(hints).toEqual([{ kind: 'revoked' }]);
      expect(opens).toBe(1);
    }
  });

  it('opens nothing while offline and connects as soon as the network is back', async () => {
    const network = createManualNetworkStatus(false);
    let opens = 0;
    const hints: SyncHint[] = [];
    const stream = startHintStream({
      api: {
        openStream: () => {
          opens += 1;
          return Promise.resolve(streamResponse(['event: resync\ndata: {}\n\n']).response);
        },
      },
      network,
      onHint: (hint) => hints.push(hint),
    });
    await sleep(100);
    expect(opens).toBe(0);
    network.setOnline(true);
    await until(() => hints.length === 1);
    stream.stop();
    expect(opens).toBe(1);
  });
});
