/**
 * A minimal Server-Sent Events reader over a fetch Response (Node 20 has no EventSource):
 * enough of the text/event-stream format (WHATWG HTML §9.2) for the sync stream's tests and
 * test clients: `event`, `data` (joined by newlines), `id`, `retry`, comment lines ignored.
 */

/** One dispatched event. */
export type SseEvent = { event: string; data: string; id?: string; retry?: number };

/**
 * Reads events from a text reader of a response body until it ends. Cancel the reader to stop:
 * that also cancels the body, which is how the server notices the client left.
 */
export async function* readSse(
  reader: ReadableStreamDefaultReader<string>,
): AsyncGenerator<SseEvent> {
  let buffer = '';
  let current: { event?: string; data: string[]; id?: string; retry?: number } = { data: [] };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += value;
      let newline = buffer.search(/\r\n|\r|\n/);
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          if (current.data.length > 0 || current.event !== undefined) {
            yield {
              event: current.event ?? 'message',
              data: current.data.join('\n'),
              ...(current.id === undefined ? {} : { id: current.id }),
              ...(current.retry === undefined ? {} : { retry: current.retry }),
            };
          }
          current = { data: [] };
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const raw = colon < 0 ? '' : line.slice(colon + 1);
          const value = raw.startsWith(' ') ? raw.slice(1) : raw;
          if (field === 'event') current.event = value;
          else if (field === 'data') current.data.push(value);
          else if (field === 'id') current.id = value;
          else if (field === 'retry' && /^\d+$/.test(value)) current.retry = Number(value);
        }
        newline = buffer.search(/\r\n|\r|\n/);
      }
    }
  } finally {
    reader.releaseLock();
  }
}
