import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getStorageHostClient } from '@kiryana/rxdb-sqlite/host-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_API, type ServedConfig } from '../../src/bridge/local-api';
import { openTerminalDatabase } from '../../src/renderer/db/database';
import { serveTerminal, type ServedTerminal } from '../../src/serve/serve';

describe('serveTerminal', () => {
  let dir: string;
  let served: ServedTerminal;
  let config: ServedConfig;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiryana-serve-'));
    const dist = join(dir, 'dist');
    mkdirSync(dist);
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>terminal</title>');
    served = await serveTerminal({
      port: 0,
      dataDir: join(dir, 'data'),
      distDir: dist,
      syncServerUrl: 'http://127.0.0.1:3999',
      printer: null,
    });
    config = (await (await fetch(new URL('config.json', served.url))).json()) as ServedConfig;
  });
  afterAll(async () => {
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the renderer and tells it where its storage and server are', async () => {
    const page = await fetch(served.url);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<title>terminal</title>');
    expect(config).toMatchObject({
      defaultServerUrl: 'http://127.0.0.1:3999',
      storageHostUrl: served.storageHostUrl,
    });
    expect((await fetch(new URL('../../etc/passwd', served.url))).status).toBe(404);
  });

  it('keeps the credential behind the local token', async () => {
    const url = new URL(LOCAL_API.credential, served.url);
    expect((await fetch(url)).status).toBe(401);
    const headers = {
      [LOCAL_API.tokenHeader]: config.localToken,
      'content-type': 'application/json',
    };
    expect(await (await fetch(url, { headers })).json()).toEqual({ text: null });
    await fetch(url, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ text: '{"deviceId":"d1"}' }),
    });
    expect(await (await fetch(url, { headers })).json()).toEqual({ text: '{"deviceId":"d1"}' });
    await fetch(url, { method: 'DELETE', headers });
    expect(await (await fetch(url, { headers })).json()).toEqual({ text: null });
  });

  it('answers raw printing without a printer with a clear failure', async () => {
    const response = await fetch(new URL(LOCAL_API.printRaw, served.url), {
      method: 'POST',
      headers: { [LOCAL_API.tokenHeader]: config.localToken },
      body: new Uint8Array([0x1b, 0x40]),
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      ok: false,
      error: 'No thermal printer is configured.',
    });
  });

  it('hosts the terminal database on SQLite for a renderer that only knows the URL', async () => {
    const db = await openTerminalDatabase({
      storage: getStorageHostClient(config.storageHostUrl),
      name: 'kiryana',
    });
    await db.outbox.insert({
      id: 'sale-1',
      factCollection: 'sales',
      createdAt: '2026-04-01T00:00:00.000Z',
    });
    expect(await db.outbox.count().exec()).toBe(1);
    await db.close();
    const again = await openTerminalDatabase({
      storage: getStorageHostClient(config.storageHostUrl),
      name: 'kiryana',
    });
    expect((await again.outbox.findOne('sale-1').exec())?.factCollection).toBe('sales');
    await again.close();
  });

  it('keeps the database file encrypted with a key of its own, in a file only its user reads', async () => {
    const db = await openTerminalDatabase({
      storage: getStorageHostClient(config.storageHostUrl),
      name: 'kiryana',
    });
    await db.outbox.insert({
      id: 'sale-marker-7Q2Z',
      factCollection: 'sales',
      createdAt: '2026-04-01T00:00:00.000Z',
    });
    await db.close();
    const dbDir = join(dir, 'data', 'db');
    const files = readdirSync(dbDir);
    expect(files).toContain('kiryana.sqlite');
    for (const file of files) {
      const bytes = readFileSync(join(dbDir, file));
      expect(bytes.includes('sale-marker-7Q2Z'), file).toBe(false);
      expect(bytes.includes('SQLite format 3'), file).toBe(false);
    }
    const keyFile = join(dir, 'data', 'database-key');
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });
});
