import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveTransport, withHsts } from './tls';

const HSTS = 'max-age=31536000; includeSubDomains';

function listen(server: ServerType): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('listening', () => {
      resolve((server.address() as AddressInfo).port);
    });
    server.once('error', reject);
  });
}

function close(server: ServerType): Promise<void> {
  return new Promise((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
}

describe('TLS termination', () => {
  let dir: string;
  let cert: string;
  let key: string;
  const app = new Hono().get('/hello', (c) => c.json({ hello: 'secure' }));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiryana-tls-'));
    cert = join(dir, 'cert.pem');
    key = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves HTTPS with the configured certificate and sends HSTS', async () => {
    const transport = await serveTransport({
      TLS_CERT: cert,
      TLS_KEY: key,
      TRUST_PROXY: false,
      HSTS_MAX_AGE: 31_536_000,
    });
    expect(transport.protocol).toBe('https');
    const server = serve({
      fetch: withHsts(app.fetch, { tls: true, trustProxy: false, maxAgeSec: 31_536_000 }),
      port: 0,
      hostname: '127.0.0.1',
      ...(transport.protocol === 'https'
        ? { createServer: transport.createServer, serverOptions: transport.serverOptions }
        : {}),
    });
    const port = await listen(server);
    try {
      const answer = await new Promise<{
        status: number;
        hsts: unknown;
        body: string;
        protocol: string;
      }>((resolve, reject) => {
        const req = httpsRequest(
          {
            host: '127.0.0.1',
            port,
            path: '/hello',
            ca: readFileSync(cert),
            servername: 'localhost',
          },
          (res) => {
            const protocol = (res.socket as unknown as { getProtocol(): string }).getProtocol();
            let body = '';
            res.on('data', (chunk: Buffer) => (body += chunk.toString()));
            res.on('end', () => {
              resolve({
                status: res.statusCode ?? 0,
                hsts: res.headers['strict-transport-security'],
                body,
                protocol,
              });
            });
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(answer.status).toBe(200);
      expect(answer.hsts).toBe(HSTS);
      expect(JSON.parse(answer.body)).toEqual({ hello: 'secure' });
      expect(['TLSv1.2', 'TLSv1.3']).toContain(answer.protocol);
    } finally {
      await close(server);
    }
  });

  it('sends HSTS over plain HTTP only when a trusted proxy says the client used HTTPS', async () => {
    const cases = [
      { trustProxy: false, proto: undefined, hsts: null },
      { trustProxy: false, proto: 'https', hsts: null },
      { trustProxy: true, proto: 'http', hsts: null },
      { trustProxy: true, proto: 'https', hsts: HSTS },
    ];
    for (const c of cases) {
      const server = serve({
        fetch: withHsts(app.fetch, { tls: false, trustProxy: c.trustProxy, maxAgeSec: 31_536_000 }),
        port: 0,
        hostname: '127.0.0.1',
      });
      const port = await listen(server);
      const response = await fetch(`http://127.0.0.1:${port}/hello`, {
        headers: c.proto ? { 'x-forwarded-proto': c.proto } : {},
      });
      await response.text();
      await close(server);
      expect({ ...c, got: response.headers.get('strict-transport-security') }).toEqual({
        ...c,
        got: c.hsts,
      });
    }
  });

  it('refuses a certificate without its key', async () => {
    await expect(
      serveTransport({ TLS_CERT: cert, TRUST_PROXY: false, HSTS_MAX_AGE: 0 }),
    ).rejects.toThrow(/together/);
    expect(await serveTransport({ TRUST_PROXY: true, HSTS_MAX_AGE: 0 })).toEqual({
      protocol: 'http',
    });
  });
});
