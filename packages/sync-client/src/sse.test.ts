import { describe, expect, it } from 'vitest';
import { type SseEvent, createSseParser, readSse } from './sse';

function parseAll(...chunks: string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const feed = createSseParser((event) => {
    events.push(event);
  });
  for (const chunk of chunks) feed(chunk);
  return events;
}

describe('createSseParser', () => {
  it('parses named events, multi-line data and comments, keeping a partial event', () => {
    const events: SseEvent[] = [];
    const feed = createSseParser((event) => {
      events.push(event);
    });
    feed(
      ': hello\n\nevent: poke\ndata: {"collection":"sales","seq":"7"}\n\ndata: a\ndata: b\n\nevent: heartbeat\ndata: {',
    );
    expect(events).toEqual([
      { event: 'poke', data: '{"collection":"sales","seq":"7"}' },
      { event: 'message', data: 'a\nb' },
    ]);
    feed('}\n\n');
    expect(events.slice(2)).toEqual([{ event: 'heartbeat', data: '{}' }]);
  });

  it('accepts CRLF line ends and reports retry and id on their event', () => {
    expect(parseAll('retry: 2000\r\nid: 7\r\nevent: resync\r\ndata: {}\r\n\r\n')).toEqual([
      { event: 'resync', data: '{}', id: '7', retry: 2000 },
    ]);
  });

  it('dispatches events split across chunks, joins data lines, skips comments', () => {
    expect(
      parseAll(
        'event: resync\ndata: {"a"',
        ':1}\n\n: keep-alive\r\n\r\nevent: sale\r\ndata: x\r\ndata: y\r\n\r\ndata: plain\n\n',
      ),
    ).toEqual([
      { event: 'resync', data: '{"a":1}' },
      { event: 'sale', data: 'x\ny' },
      { event: 'message', data: 'plain' },
    ]);
  });

  it('reads a CRLF split between chunks as one line end', () => {
    expect(parseAll('event: sale\r', '\ndata: x\r', '\n\r', '\n')).toEqual([
      { event: 'sale', data: 'x' },
    ]);
  });

  it('dispatches nothing for a block without data and ignores a retry that is not a number', () => {
    expect(parseAll('event: ping\n\nretry: soon\ndata: x\n\n')).toEqual([
      { event: 'message', data: 'x' },
    ]);
  });
});

describe('readSse', () => {
  it('yields the events of a response body and releases its reader at the end', async () => {
    const body = new Response('event: resync\ndata: {}\n\nevent: poke\ndata: {"seq":"1"}\n\n').body;
    if (body === null) throw new Error('no body');
    const text = body.pipeThrough(new TextDecoderStream());
    const reader = text.getReader();
    const events: SseEvent[] = [];
    for await (const event of readSse(reader)) events.push(event);
    expect(events).toEqual([
      { event: 'resync', data: '{}' },
      { event: 'poke', data: '{"seq":"1"}' },
    ]);
    expect(text.locked).toBe(false);
  });
});
