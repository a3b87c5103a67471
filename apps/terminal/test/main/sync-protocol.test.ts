import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemeRoutingFetch, syncSchemeUrl } from '../../src/bridge/sync-transport';
import { forwardSyncRequest } from '../../src/main/sync-protocol';

describe('forwardSyncRequest (Electron scheme to the sync server)', () => {
  let upstream: Server;
  let serverUrl: string;
  const seen: { url: string; headers: Record<string, unknown>; body: string }[] = [];

  beforeAll(async () => {
    upstream = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ url: request.url ?? '', headers: request.headers, body });
        response
          .writeHead(200, {
            'content-type': 'application/json',
            'x-kiryana-quarantined': '1',
            'set-cookie': 'a=b',
          })
          .end('[]');
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    serverUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => upstream.close(resolve));
  });

  const forward = (request: Request) =>
    forwardSyncRequest(request, (url, init) => fetch(url, init));

  it('forwards a push with only the protocol headers and exposes the quarantine count', async () => {
    const response = await forward(
      new Request(syncSchemeUrl(serverUrl, '/v1/sync/sales/push'), {
        method: 'POST',
        headers: { authorization: 'Bearer t', 'content-type': 'application/json', cookie: 'x=y' },
        body: '[{"newDocumentState":{}}]',
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([]);
    expect(response.headers.get('x-kiryana-quarantined')).toBe('1');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const last = seen.at(-1);
    expect(last?.url).toBe('/v1/sync/sales/push');
    expect(last?.body).toBe('[{"newDocumentState":{}}]');
    expect(last?.headers.authorization).toBe('Bearer t');
    expect(last?.headers.cookie).toBeUndefined();
  });

  it('answers preflights itself and refuses anything but the /v1 API of an http(s) server', async () => {
    expect(
      (
        await forward(
          new Request(syncSchemeUrl(serverUrl, '/v1/sync/state'), { method: 'OPTIONS' }),
        )
      ).status,
    ).toBe(204);
    expect((await forward(new Request(syncSchemeUrl(serverUrl, '/admin')))).status).toBe(404);
    expect((await forward(new Request(syncSchemeUrl(serverUrl, '/readyz/x')))).status).toBe(404);
    expect(
      (await forward(new Request(syncSchemeUrl('file:///etc', '/v1/sync/state')))).status,
    ).toBe(404);
  });

  it('routes every regional endpoint through the scheme and forwards a home probe of /readyz', async () => {
    const asked: string[] = [];
    const routed = schemeRoutingFetch((input) => {
      asked.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return Promise.resolve(new Response(null, { status: 204 }));
    });
    await routed('http://home.example:8787/v1/sync/state');
    await routed('https://other.example/readyz');
    expect(asked).toEqual([
      syncSchemeUrl('http://home.example:8787', '/v1/sync/state'),
      syncSchemeUrl('https://other.example', '/readyz'),
    ]);
    const probe = await forward(new Request(syncSchemeUrl(serverUrl, '/readyz')));
    expect(probe.status).toBe(200);
    expect(seen.at(-1)?.url).toBe('/readyz');
  });

  it('reports an unreachable server as 502 with the error envelope', async () => {
    const response = await forward(
      new Request(syncSchemeUrl('http://127.0.0.1:9', '/v1/sync/state')),
    );
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      error: { code: 'UPSTREAM_UNREACHABLE', message: 'The sync server cannot be reached.' },
    });
  });
});
