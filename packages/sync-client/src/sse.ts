/**
 * The one Server-Sent Events parser (WHATWG HTML §9.2.6, "Interpreting an event stream") for
 * streams read with fetch: EventSource cannot send an Authorization header, and Node has none, so
 * the terminal, the admin web and the server's tests all read `text/event-stream` through this.
 * Lines end in CRLF, LF or CR; `event` names the event (default `message`); `data` lines are
 * joined by newlines; a blank line dispatches, but only an event that had a `data` line; comment
 * lines (`:`) and unknown fields are ignored. `id` and `retry` are reported on the event whose
 * block carried them (no client here keeps a last event id across events).
 */

/** One dispatched event; `id` and `retry` only when its block had them. */
export type SseEvent = {
  readonly event: string;
  readonly data: string;
  readonly id?: string;
  readonly retry?: number;
};

/**
 * An incremental parser: feed it text chunks as they arrive, split anywhere (even inside a CRLF);
 * it calls `onEvent` for each complete event and keeps the incomplete rest for the next chunk.
 * @example
 * const feed = createSseParser((event) => console.log(event.event, event.data));
 * feed('event: poke\ndata: {"collection":"sales"}\n\n');
 */
export function createSseParser(onEvent: (event: SseEvent) => void): (chunk: string) => void {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  let retry: number | undefined;
  const processLine = (line: string) => {
    if (line === '') {
      if (data.length > 0) {
        onEvent({
          event: event === '' ? 'message' : event,
          data: data.join('\n'),
          ...(id === undefined ? {} : { id }),
          ...(retry === undefined ? {} : { retry }),
        });
      }
      event = '';
      data = [];
      id = undefined;
      retry = undefined;
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const raw = colon === -1 ? '' : line.slice(colon + 1);
    const value = raw.startsWith(' ') ? raw.slice(1) : raw;
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
  };
  return (chunk) => {
    buffer += chunk;
    const lineEnd = /\r\n|\r|\n/g;
    let start = 0;
    for (let match = lineEnd.exec(buffer); match !== null; match = lineEnd.exec(buffer)) {
      // A CR that ends the chunk may be the first half of a CRLF whose LF is in the next chunk.
      if (match[0] === '\r' && match.index === buffer.length - 1) break;
      processLine(buffer.slice(start, match.index));
      start = match.index + match[0].length;
    }
    buffer = buffer.slice(start);
  };
}

/**
 * Reads events from a text reader of a response body
 * (`response.body.pipeThrough(new TextDecoderStream()).getReader()`) until the body ends, then
 * releases the reader. Cancel the reader to stop: that also cancels the body, which is how the
 * server notices the client left.
 * @example
 * for await (const event of readSse(reader)) if (event.event === 'resync') refetch();
 */
export async function* readSse(
  reader: ReadableStreamDefaultReader<string>,
): AsyncGenerator<SseEvent, void, undefined> {
  const parsed: SseEvent[] = [];
  const feed = createSseParser((event) => {
    parsed.push(event);
  });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      feed(value);
      yield* parsed.splice(0);
    }
  } finally {
    reader.releaseLock();
  }
}
