import { describe, expect, it } from 'vitest';
import { createSyncApi } from './sync-api';
import { createSyncEndpoints } from './sync-endpoints';
import type { FetchLike } from './sync-http';

/**
 * The endpoint list as the sync API drives it: which answers count against an endpoint, the
 * backoff between failed attempts, and the home probe that brings a terminal back. The servers
 * here are a scripted fetch: what is under test is the client's reading of their answers (the
 * two-process test in the server, region-failover.test.ts, runs it against real servers).
 */

const HOME = 'http://home.test';
const OTHER = 'http://other.test';
const CONFIG = {
  failuresToFailover: 2,
  backoffBaseMs: 40,
  backoffMaxMs: 40,
  homeHoldMs: 150,
  probeIntervalMs: 20,
};

/** A fetch whose answer per origin the test sets; it counts requests and probes per origin. */
function regions() {
  const answer: Record<string, () => Response | Promise<Response>> = {
    [HOME]: () => Response.json({ serverTime: '', clockSkewMs: 0 }),
    [OTHER]: () => Response.json({ serverTime: '', clockSkewMs: 0 }),
  };
  const asked: string[] = [];
  const fetchFn: FetchLike = async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    asked.push(`${url.origin}${url.pathname}`);
    const reply = answer[url.origin];
    if (reply === undefined) throw new TypeError('fetch failed');
    return reply();
  };
  return { answer, asked, fetchFn };
}

describe('sync endpoints driven by the sync API', () => {
  it('counts no answer and 5xx against an endpoint, not a 4xx, and waits a backoff before retrying', async () => {
    const r = regions();
    const endpoints = createSyncEndpoints({
      endpoints: [HOME, OTHER],
      fetchFn: r.fetchFn,
      config: CONFIG,
    });
    const api = createSyncApi(r.fetchFn, endpoints);
    const health = { clientTime: new Date().toISOString(), unsyncedDocuments: 0 };
    r.answer[HOME] = () =>
      Response.json({ error: { code: 'VALIDATION_FAILED', message: 'x' } }, { status: 400 });
    for (let i = 0; i < 5; i++) await expect(api.report(health)).rejects.toThrow();
    expect(endpoints.current()).toBe(HOME);

    r.answer[HOME] = () => new Response('bad gateway', { status: 502 });
    await expect(api.report(health)).rejects.toThrow();
    const started = performance.now();
    r.answer[HOME] = () => Promise.reject(new TypeError('fetch failed'));
    await expect(api.report(health)).rejects.toThrow('fetch failed');
    // The second attempt waited the backoff (equal jitter: at least half of 40 ms).
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
    expect(endpoints.current()).toBe(OTHER);
    await api.report(health);
    expect(r.asked.at(-1)).toBe(`${OTHER}/v1/fleet/report`);
    endpoints.stop();
  });

  it('starts over at the head of a replaced list and says so, so the terminal can keep it', () => {
    const r = regions();
    const kept: (readonly string[])[] = [];
    const endpoints = createSyncEndpoints({
      endpoints: [HOME, OTHER],
      fetchFn: r.fetchFn,
      config: CONFIG,
      onReplace: (list) => kept.push(list),
    });
    endpoints.replace([`${OTHER}/`, HOME, OTHER]);
    expect(endpoints.list()).toEqual([OTHER, HOME]);
    expect(endpoints.current()).toBe(OTHER);
    expect(endpoints.home).toBe(OTHER);
    expect(kept).toEqual([[OTHER, HOME]]);
    endpoints.stop();
  });

  it('does not hold an aborted stream against the endpoint', async () => {
    const r = regions();
    const endpoints = createSyncEndpoints({
      endpoints: [HOME, OTHER],
      fetchFn: r.fetchFn,
      config: CONFIG,
    });
    const api = createSyncApi(r.fetchFn, endpoints);
    r.answer[HOME] = () => Promise.reject(new DOMException('aborted', 'AbortError'));
    for (let i = 0; i < 3; i++) {
      const controller = new AbortController();
      controller.abort();
      await expect(api.openStream(controller.signal)).rejects.toThrow();
    }
    expect(endpoints.current()).toBe(HOME);
    endpoints.stop();
  });

  it('probes home while away and returns only after home answered for the hold time', async () => {
    const r = regions();
    const switches: string[] = [];
    const endpoints = createSyncEndpoints({
      endpoints: [HOME, OTHER],
      fetchFn: r.fetchFn,
      config: CONFIG,
      onSwitch: (to) => switches.push(to),
    });
    r.answer[HOME] = () => new Response(null, { status: 503 });
    endpoints.report(HOME, false);
    endpoints.report(HOME, false);
    expect(endpoints.current()).toBe(OTHER);
    const awayAt = performance.now();
    // Home drains (503 on /readyz): probed, still not healthy.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(endpoints.current()).toBe(OTHER);
    expect(r.asked.filter((url) => url === `${HOME}/readyz`).length).toBeGreaterThan(1);
    r.answer[HOME] = () => new Response('ok');
    const healthyAt = performance.now();
    while (endpoints.current() !== HOME && performance.now() - healthyAt < 2_000)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(endpoints.current()).toBe(HOME);
    expect(performance.now() - healthyAt).toBeGreaterThanOrEqual(CONFIG.homeHoldMs - 25);
    expect(performance.now() - awayAt).toBeGreaterThanOrEqual(CONFIG.homeHoldMs);
    expect(switches).toEqual([OTHER, HOME]);
    endpoints.stop();
  });
  it('keeps a single server without backoff until the health answer brings a list, then fails over', async () => {
    const r = regions();
    const kept: (readonly string[])[] = [];
    const endpoints = createSyncEndpoints({
      endpoints: [HOME],
      fetchFn: r.fetchFn,
      config: { ...CONFIG, backoffBaseMs: 5_000, backoffMaxMs: 5_000 },
      onReplace: (list) => kept.push(list),
    });
    const api = createSyncApi(r.fetchFn, endpoints);
    const health = { clientTime: new Date().toISOString(), unsyncedDocuments: 0 };
    r.answer[HOME] = () => Promise.reject(new TypeError('fetch failed'));
    const started = performance.now();
    for (let i = 0; i < 3; i++) await expect(api.report(health)).rejects.toThrow('fetch failed');
    // Three failures on the only server: no 5 s backoff between them, and nowhere to go.
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(endpoints.current()).toBe(HOME);

    r.answer[HOME] = () =>
      Response.json({ serverTime: '', clockSkewMs: 0, endpoints: [HOME, OTHER] });
    await api.report(health);
    expect(kept).toEqual([[HOME, OTHER]]);
    expect(endpoints.list()).toEqual([HOME, OTHER]);
    r.answer[HOME] = () => Promise.reject(new TypeError('fetch failed'));
    endpoints.report(HOME, false);
    endpoints.report(HOME, false);
    expect(endpoints.current()).toBe(OTHER);
    endpoints.stop();
  });
});
