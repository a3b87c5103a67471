import { describe, expect, it } from 'vitest';
import { parseSse } from './sse-parser';

describe('parseSse', () => {
  it('parses named events, multi-line data and comments, keeping a partial event', () => {
    const { events, rest } = parseSse(
      ': hello\n\nevent: poke\ndata: {"collection":"sales","seq":"7"}\n\ndata: a\ndata: b\n\nevent: heartbeat\ndata: {',
    );
    expect(events).toEqual([
      { event: 'poke', data: '{"collection":"sales","seq":"7"}' },
      { event: 'message', data: 'a\nb' },
    ]);
    expect(rest).toBe('event: heartbeat\ndata: {');
  });

  it('accepts CRLF line ends and ignores retry and id fields', () => {
    expect(parseSse('retry: 2000\r\nevent: resync\r\ndata: {}\r\n\r\n')).toEqual({
      events: [{ event: 'resync', data: '{}' }],
      rest: '',
    });
  });
});
