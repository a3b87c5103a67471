import { describe, expect, it } from 'vitest';
import { type SseEvent, createSseParser } from './sse';

describe('createSseParser', () => {
  it('dispatches events split across chunks, joins data lines, skips comments', () => {
    const events: SseEvent[] = [];
    const feed = createSseParser((e) => events.push(e));
    feed('event: resync\ndata: {"a"');
    feed(':1}\n\n: keep-alive\r\n\r\nevent: sale\r\ndata: x\r\ndata: y\r\n\r\ndata: plain\n\n');
    expect(events).toEqual([
      { event: 'resync', data: '{"a":1}' },
      { event: 'sale', data: 'x\ny' },
      { event: 'message', data: 'plain' },
    ]);
  });
});
