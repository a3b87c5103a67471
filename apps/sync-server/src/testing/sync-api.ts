import type { SyncCheckpoint } from '@kiryana/shared';
import { type SseEvent, readSse, syncPaths } from '@kiryana/sync-client';
import type { Fetcher } from './sync-test-app';

/** An HTTP answer: status, headers and the parsed JSON body. */
export type Answer<T = unknown> = { status: number; headers: Headers; body: T };

async function answer<T>(response: Response): Promise<Answer<T>> {
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? undefined : JSON.parse(text)) as T,
  };
}

/** A page of a pull. */
export type PullBody<TDoc = Record<string, unknown>> = {
  documents: TDoc[];
  checkpoint: SyncCheckpoint;
};

/**
 * Raw requests to the replication API over any fetcher (test app or real server), for tests that
 * assert what the server answers to anything, malformed input included: status, headers and body
 * as they came, nothing validated or retried. Paths and the SSE reading come from
 * `@kiryana/sync-client`; a terminal's replication is `rx-terminal.ts`, on the client itself.
 */
export function syncApi(fetcher: Fetcher) {
  return {
    async pull<TDoc = Record<string, unknown>>(
      collection: string,
      checkpoint?: SyncCheckpoint | string,
      limit?: number,
    ): Promise<Answer<PullBody<TDoc>>> {
      return answer(await fetcher(syncPaths.pull(collection, { checkpoint, limit })));
    },
    /** Pulls every page from `checkpoint` on; returns the documents and the final checkpoint. */
    async pullAll<TDoc = Record<string, unknown>>(
      collection: string,
      limit: number,
      checkpoint?: SyncCheckpoint,
    ): Promise<PullBody<TDoc> & { pages: number }> {
      const documents: TDoc[] = [];
      let at = checkpoint;
      for (let pages = 1; ; pages += 1) {
        const page = await this.pull<TDoc>(collection, at, limit);
        if (page.status !== 200) throw new Error(`pull ${collection}: ${String(page.status)}`);
        documents.push(...page.body.documents);
        at = page.body.checkpoint;
        if (page.body.documents.length < limit) return { documents, checkpoint: at, pages };
      }
    },
    async push<TDoc = Record<string, unknown>>(
      collection: string,
      rows: unknown,
    ): Promise<Answer<TDoc[]>> {
      return answer(
        await fetcher(syncPaths.push(collection), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(rows),
        }),
      );
    },
    async state(): Promise<
      Answer<{ scopes: { scope: string; epoch: string; lastSeq: string }[] }>
    > {
      return answer(await fetcher(syncPaths.state));
    },
    /** Opens the event stream; `close` ends it. */
    async stream(): Promise<{
      events: AsyncGenerator<SseEvent>;
      close: () => void;
      status: number;
    }> {
      const controller = new AbortController();
      const response = await fetcher(syncPaths.stream, { signal: controller.signal });
      if (!response.body) throw new Error('stream without body');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      return {
        events: readSse(reader),
        status: response.status,
        close: () => {
          reader.cancel().catch(() => undefined);
          controller.abort();
        },
      };
    },
  };
}

/** The replication API of one device. */
export type SyncApi = ReturnType<typeof syncApi>;

/** Waits for the next event matching `predicate`, failing after `timeoutMs`. */
export async function nextEvent(
  events: AsyncGenerator<SseEvent>,
  predicate: (event: SseEvent) => boolean,
  timeoutMs = 5_000,
): Promise<SseEvent> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error('timed out waiting for an SSE event'));
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      (async () => {
        // next() by hand: for-await would close the generator when we return early.
        for (;;) {
          const result = await events.next();
          if (result.done) throw new Error('stream ended');
          if (predicate(result.value)) return result.value;
        }
      })(),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
