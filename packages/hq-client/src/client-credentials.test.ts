import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHqClient } from './client';
import { clientCredentials } from './client-credentials';

/**
 * A small real issuer and API on a socket: discovery, a token endpoint that checks the client's
 * Basic credentials and counts its tokens, and an API answer that echoes the bearer token.
 */
let server: Server;
let base = '';
let issued = 0;
let discovered = 0;
const CLIENT = { clientId: 'hq erp', clientSecret: 'se:cr/et+1' };

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    request.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    request.on('end', () => {
      resolve(text);
    });
  });
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const json = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    void (async () => {
      const body = await readBody(request);
      if (request.url === '/oidc/.well-known/openid-configuration') {
        discovered += 1;
        json(200, { issuer: `${base}/oidc`, token_endpoint: `${base}/oidc/token` });
        return;
      }
      if (request.url === '/oidc/token' && request.method === 'POST') {
        const [id, secret] = Buffer.from(
          (request.headers.authorization ?? '').replace(/^Basic /, ''),
          'base64',
        )
          .toString()
          .split(':')
          .map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
        const form = new URLSearchParams(body);
        if (id !== CLIENT.clientId || secret !== CLIENT.clientSecret) {
          json(401, { error: 'invalid_client', error_description: 'no such client' });
          return;
        }
        issued += 1;
        json(200, {
          access_token: `token-${issued}-${form.get('grant_type') ?? ''}-${form.get('scope') ?? ''}`,
          token_type: 'Bearer',
          expires_in: 900,
        });
        return;
      }
      if (request.url === '/healthz') {
        json(200, { status: request.headers.authorization ?? 'none' });
        return;
      }
      json(404, { error: { code: 'NOT_FOUND', message: 'no' } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
});

describe('clientCredentials', () => {
  it('discovers the token endpoint once and caches the token until shortly before expiry', async () => {
    let nowMs = 1_000_000;
    const tokens = clientCredentials({ issuer: `${base}/oidc/`, ...CLIENT, now: () => nowMs });
    const [first, again] = await Promise.all([tokens.getToken(), tokens.getToken()]);
    expect(first).toBe(`token-${String(issued)}-client_credentials-api`);
    expect(again).toBe(first);
    const issuedBefore = issued;
    nowMs += 900_000 - 60_001;
    expect(await tokens.getToken()).toBe(first);
    nowMs += 2;
    expect(await tokens.getToken()).not.toBe(first);
    expect(issued).toBe(issuedBefore + 1);
    tokens.invalidate();
    await tokens.getToken();
    expect(issued).toBe(issuedBefore + 2);
    expect(discovered).toBe(1);
  });

  it('says why the issuer refused', async () => {
    const tokens = clientCredentials({ issuer: `${base}/oidc`, clientId: 'x', clientSecret: 'y' });
    await expect(tokens.getToken()).rejects.toThrow(/HTTP 401\): invalid_client – no such client/);
  });

  it('puts the current token on every call of the typed client', async () => {
    const tokens = clientCredentials({ issuer: `${base}/oidc`, ...CLIENT });
    const client = createHqClient({ baseUrl: `${base}/`, getToken: tokens.getToken });
    const { data } = await client.GET('/healthz');
    expect(data).toEqual({ status: `Bearer ${await tokens.getToken()}` });
    const anonymous = await createHqClient({ baseUrl: base }).GET('/healthz');
    expect(anonymous.data).toEqual({ status: 'none' });
  });
});
