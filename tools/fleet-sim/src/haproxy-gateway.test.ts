import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTION_GATEWAY, renderGatewayConfig } from './haproxy-config';
import { type HaproxyGateway, requireHaproxy, startHaproxyGateway } from './haproxy-gateway';

const run = promisify(execFile);
const DEPLOYED = fileURLToPath(new URL('../../../deploy/haproxy/haproxy.cfg', import.meta.url));

/**
 * The gateway's rules on plain HTTP backends (no database, seconds): request ids, forwarded
 * headers, both rate limits with the server's error envelope, readiness checks taking a server out
 * and back, the runtime API's drain reaching the event-stream backend, and a push retried on
 * another server when the first closes the connection without an answer. The production file is
 * the renderer's output and HAProxy accepts it.
 */

type Seen = { server: string; method: string; path: string; headers: IncomingHttpHeaders };

type Backend = {
  readonly name: string;
  readonly server: Server;
  port: number;
  ready: boolean;
  /** Close the connection without an answer (a process dying mid-request). */
  hangUp: boolean;
};

function startBackend(name: string, seen: Seen[]): Promise<Backend> {
  const backend: Backend = { name, server: createServer(), port: 0, ready: true, hangUp: false };
  backend.server.on('request', (req, res) => {
    if (req.url === '/readyz') {
      res.writeHead(backend.ready ? 200 : 503).end();
      return;
    }
    if (backend.hangUp) {
      req.socket.destroy();
      return;
    }
    seen.push({
      server: name,
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
    });
    req.resume();
    req.on('end', () => {
      if (req.url?.endsWith('/stream')) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(': open\n\n');
        setTimeout(() => res.end(), 100);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name }));
    });
  });
  return new Promise((resolve) => {
    backend.server.listen(0, '127.0.0.1', () => {
      const address = backend.server.address();
      backend.port = typeof address === 'object' && address ? address.port : 0;
      resolve(backend);
    });
  });
}

describe('HAProxy gateway rules', () => {
  const seen: Seen[] = [];
  let backends: Backend[] = [];
  let gateway: HaproxyGateway;

  beforeAll(async () => {
    requireHaproxy();
    backends = await Promise.all(['s1', 's2'].map((name) => startBackend(name, seen)));
    gateway = await startHaproxyGateway({
      servers: backends.map((b) => ({ name: b.name, address: `127.0.0.1:${String(b.port)}` })),
      check: { interMs: 100, timeoutMs: 1_000, fall: 2, rise: 2 },
    });
    await gateway.waitForServer('s1', 'UP', 5_000);
    await gateway.waitForServer('s2', 'UP', 5_000);
  });

  afterAll(async () => {
    await gateway.close();
    for (const b of backends) b.server.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}${path}`, { headers });

  it('passes a request id through, makes one when absent, and replaces forwarded headers', async () => {
    seen.length = 0;
    await get('/v1/x', { 'x-request-id': 'caller-id-1', 'x-forwarded-for': '6.6.6.6' });
    await get('/v1/x');
    expect(seen[0]?.headers['x-request-id']).toBe('caller-id-1');
    expect(seen[1]?.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[0]?.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen[0]?.headers['x-forwarded-proto']).toBe('http');
  });

  it('takes a server that is not ready out of rotation and back, and drains by runtime API', async () => {
    const [s1, s2] = backends;
    if (!s1 || !s2) throw new Error('no backends');
    s2.ready = false;
    await gateway.waitForServer('s2', 'DOWN', 5_000);
    seen.length = 0;
    for (let i = 0; i < 6; i++) await (await get('/v1/x')).arrayBuffer();
    expect(seen.map((s) => s.server)).toEqual(Array<string>(6).fill('s1'));

    s2.ready = true;
    await gateway.waitForServer('s2', 'UP', 5_000);
    expect(await gateway.runtime('set server be_api/s1 state drain')).toBe('\n');
    expect((await gateway.serverStates()).s1).toBe('DRAIN');
    seen.length = 0;
    for (let i = 0; i < 4; i++) await (await get('/v1/x')).arrayBuffer();
    await (await get('/v1/sync/stream', { accept: 'text/event-stream' })).text();
    expect(seen.map((s) => s.server)).toEqual(Array<string>(5).fill('s2'));
    await gateway.runtime('set server be_api/s1 state ready');
    expect((await gateway.serverStates()).s1).toBe('UP');
  });

  it('sends a push again to another server when one closes without an answer', async () => {
    const [s1, s2] = backends;
    if (!s1 || !s2) throw new Error('no backends');
    const before = await gateway.counters();
    s1.hangUp = true;
    seen.length = 0;
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await fetch(`${gateway.url}/v1/sync/sales/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify([{ newDocumentState: { id: `sale-${String(i)}` } }]),
        });
        statuses.push(res.status);
        await res.arrayBuffer();
      }
      expect(statuses).toEqual(Array<number>(6).fill(200));
      expect(seen.every((s) => s.server === 's2' && s.method === 'POST')).toBe(true);
      const after = await gateway.counters();
      expect(after.retries - before.retries).toBeGreaterThan(0);
      expect(after.redispatches - before.redispatches).toBeGreaterThan(0);
    } finally {
      s1.hangUp = false;
    }
  });
});

describe('HAProxy gateway rate limits', () => {
  const seen: Seen[] = [];
  let backend: Backend;
  let gateway: HaproxyGateway;

  beforeAll(async () => {
    requireHaproxy();
    backend = await startBackend('s1', seen);
    gateway = await startHaproxyGateway({
      servers: [{ name: 's1', address: `127.0.0.1:${String(backend.port)}` }],
      rateLimits: { perTokenPer10s: 5, perClientPer10s: 40 },
    });
    await gateway.waitForServer('s1', 'UP', 5_000);
  });

  afterAll(async () => {
    await gateway.close();
    backend.server.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}${path}`, { headers });

  it('refuses a token over its limit with 429 in the error envelope; other tokens still pass', async () => {
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 6; i++) {
      const res = await get('/v1/sync/sales/pull', {
        authorization: 'Bearer token-a',
        'x-request-id': `a-${String(i)}`,
      });
      statuses.push(res.status);
      if (res.status === 429) refused = res;
      else await res.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(refused?.headers.get('retry-after')).toBe('10');
    expect(refused?.headers.get('content-type')).toBe('application/json');
    expect(await refused?.json()).toEqual({
      error: {
        code: 'RATE_LIMITED',
        message: 'Too many requests from this caller; slow down.',
        details: { limit: 'token', requestId: 'a-5' },
      },
    });
    expect((await get('/v1/sync/sales/pull', { authorization: 'Bearer token-b' })).status).toBe(
      200,
    );
  });

  it('refuses an address over its limit', async () => {
    // 7 requests so far from 127.0.0.1; the limit is 40 per 10 s.
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) {
      const res = await get('/v1/x');
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    expect(statuses.slice(-2)).toEqual([429, 429]);
  });
});

describe('deploy/haproxy/haproxy.cfg', () => {
  it('is what the renderer makes of the production settings', () => {
    expect(readFileSync(DEPLOYED, 'utf8')).toBe(renderGatewayConfig(PRODUCTION_GATEWAY));
  });

  it('is accepted by HAProxy (`haproxy -c`, with a throwaway certificate)', async () => {
    const bin = requireHaproxy();
    const dir = mkdtempSync(join(tmpdir(), 'kiryana-haproxy-check-'));
    try {
      await run('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ]);
      writeFileSync(
        join(dir, 'kiryana.pem'),
        readFileSync(join(dir, 'cert.pem'), 'utf8') + readFileSync(join(dir, 'key.pem'), 'utf8'),
      );
      const config = readFileSync(DEPLOYED, 'utf8')
        .replace('/etc/haproxy/certs/kiryana.pem', join(dir, 'kiryana.pem'))
        .replace('/run/haproxy/admin.sock', join(dir, 'admin.sock'));
      writeFileSync(join(dir, 'haproxy.cfg'), config);
      const { stdout } = await run(bin, ['-c', '-f', join(dir, 'haproxy.cfg')]);
      expect(stdout).toContain('Configuration file is valid');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
