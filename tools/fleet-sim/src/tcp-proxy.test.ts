import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from './random';
import { type TcpProxy, startTcpProxy } from './tcp-proxy';

/** A tiny HTTP server that counts the requests it answered. */
async function countingServer(
  name: string,
): Promise<{ server: Server; port: number; served: () => number }> {
  let served = 0;
  const server = createServer((req, res) => {
    served += 1;
    res.setHeader('connection', 'close');
    res.end(`${name}:${req.url ?? ''}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, served: () => served };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

describe('tcp proxy', () => {
  let a: Awaited<ReturnType<typeof countingServer>>;
  let b: Awaited<ReturnType<typeof countingServer>>;
  let upA = true;
  let proxy: TcpProxy;
  beforeAll(async () => {
    a = await countingServer('a');
    b = await countingServer('b');
    proxy = await startTcpProxy({
      upstreams: [
        () => (upA ? { host: '127.0.0.1', port: a.port } : undefined),
        () => ({ host: '127.0.0.1', port: b.port }),
      ],
      random: seededRandom(7),
    });
  });
  afterAll(async () => {
    await proxy.close();
    await close(a.server);
    await close(b.server);
  });

  it('forwards requests and spreads connections over its upstreams', async () => {
    const bodies = [];
    for (let i = 0; i < 4; i++)
      bodies.push(await (await fetch(`${proxy.url}/x${String(i)}`)).text());
    expect(bodies.filter((body) => body.startsWith('a:'))).toHaveLength(2);
    expect(bodies.filter((body) => body.startsWith('b:'))).toHaveLength(2);
  });

  it('sends every connection to the upstream still up when one is gone', async () => {
    upA = false;
    const bodies = [];
    for (let i = 0; i < 3; i++) bodies.push(await (await fetch(`${proxy.url}/y`)).text());
    expect(bodies).toEqual(['b:/y', 'b:/y', 'b:/y']);
    upA = true;
  });

  it('cuts a response after the request reached the server', async () => {
    const before = a.served() + b.served();
    proxy.setFaults({ cutResponseRate: 1 });
    await expect(fetch(`${proxy.url}/cut`)).rejects.toThrow();
    proxy.setFaults({ cutResponseRate: 0 });
    expect(a.served() + b.served()).toBe(before + 1);
    expect(proxy.stats().cutResponses).toBe(1);
  });

  it('drops new connections and refuses them while down, then recovers', async () => {
    proxy.setFaults({ dropRate: 1 });
    await expect(fetch(`${proxy.url}/drop`)).rejects.toThrow();
    proxy.setFaults({ dropRate: 0, down: true });
    await expect(fetch(`${proxy.url}/down`)).rejects.toThrow();
    proxy.setFaults({ down: false });
    expect(await (await fetch(`${proxy.url}/up`)).text()).toMatch(/^[ab]:\/up$/);
    expect(proxy.stats()).toMatchObject({ dropped: 1, refused: 1 });
  });

  it('delays bytes by the configured latency', async () => {
    proxy.setFaults({ delayMs: 150 });
    const started = performance.now();
    await (await fetch(`${proxy.url}/slow`)).text();
    proxy.setFaults({ delayMs: 0 });
    // One delay each way at least.
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });
});
