import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

type SignTask = { path: string; hash: string; isNest: boolean };
type SignModule = {
  signThroughService: (task: SignTask, env: Record<string, string | undefined>) => Promise<void>;
};
// The hook is plain JavaScript: electron-builder imports it without a TypeScript loader.
const SCRIPT = new URL('../../scripts/sign-windows.mjs', import.meta.url).href;
const { signThroughService } = (await import(SCRIPT)) as SignModule;

const UNSIGNED = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(1000, 7)]);

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}

/** A stand-in for the chain's signing service: appends a fake signature, or answers `status`. */
async function startService(answer: (body: Buffer) => { status: number; body: Buffer }) {
  const seen: { headers: IncomingMessage['headers']; size: number }[] = [];
  const server: Server = createServer((request, response) => {
    void readBody(request).then((body) => {
      seen.push({ headers: request.headers, size: body.length });
      const { status, body: out } = answer(body);
      response.writeHead(status).end(out);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/sign`, seen, server };
}

describe('scripts/sign-windows.mjs', () => {
  let dir: string;
  let file: string;
  let server: Server | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiryana-sign-'));
    file = join(dir, 'Kiryana Terminal.exe');
    writeFileSync(file, UNSIGNED);
  });
  afterEach(() => {
    server?.close();
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails clearly when the signing service is not configured', async () => {
    await expect(
      signThroughService({ path: file, hash: 'sha256', isNest: false }, {}),
    ).rejects.toThrow(/KIRYANA_SIGN_SERVICE_URL and KIRYANA_SIGN_SERVICE_TOKEN/);
    expect(readFileSync(file)).toEqual(UNSIGNED);
  });

  it('sends the file with the token and writes the signed file back in place', async () => {
    const service = await startService((body) => ({
      status: 200,
      body: Buffer.concat([body, Buffer.from('SIGNATURE')]),
    }));
    server = service.server;
    const env = { KIRYANA_SIGN_SERVICE_URL: service.url, KIRYANA_SIGN_SERVICE_TOKEN: 't0ken' };
    await signThroughService({ path: file, hash: 'sha256', isNest: false }, env);
    expect(readFileSync(file)).toEqual(Buffer.concat([UNSIGNED, Buffer.from('SIGNATURE')]));
    expect(service.seen).toHaveLength(1);
    expect(service.seen[0]?.headers.authorization).toBe('Bearer t0ken');
    expect(service.seen[0]?.headers['x-file-name']).toBe('Kiryana Terminal.exe');
    expect(service.seen[0]?.size).toBe(UNSIGNED.length);
    // A nested (second) signature is never asked for: one SHA-256 signature per file.
    await signThroughService({ path: file, hash: 'sha256', isNest: true }, env);
    expect(service.seen).toHaveLength(1);
  });

  it('stops the build on a refusal or an answer that is not a signed program', async () => {
    let reply = { status: 403, body: Buffer.from('token expired') };
    const service = await startService(() => reply);
    server = service.server;
    const env = { KIRYANA_SIGN_SERVICE_URL: service.url, KIRYANA_SIGN_SERVICE_TOKEN: 't' };
    const task = { path: file, hash: 'sha256', isNest: false };
    await expect(signThroughService(task, env)).rejects.toThrow(/HTTP 403 token expired/);
    reply = { status: 200, body: Buffer.alloc(5000, 60) };
    await expect(signThroughService(task, env)).rejects.toThrow(/not a signed program/);
    expect(readFileSync(file)).toEqual(UNSIGNED);
  });
});
