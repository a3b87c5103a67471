import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveAdminWeb } from './admin-static';

describe('serveAdminWeb', () => {
  let dir: string;
  const app = new Hono();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'admin-dist-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>admin</title>');
    await writeFile(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
    app.use('/admin', serveAdminWeb(dir));
    app.use('/admin/*', serveAdminWeb(dir));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves built files, hashed assets cached for a year', async () => {
    const res = await app.request('/admin/assets/app-1234.js');
    expect([res.status, res.headers.get('content-type'), res.headers.get('cache-control')]).toEqual(
      [200, 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
    );
  });

  it('answers deep links with the app (SPA fallback), revalidated on every load', async () => {
    for (const path of ['/admin/', '/admin/reports', '/admin/catalogue/p-1/edit']) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>admin</title>');
    }
    expect((await app.request('/admin')).status).toBe(301);
  });

  it('does not answer missing assets or paths outside the build with the app', async () => {
    expect((await app.request('/admin/assets/old-chunk.js')).status).toBe(404);
    const escape = await app.request('/admin/..%2f..%2fpackage.json');
    expect(await escape.text()).not.toContain('"name"');
    expect((await app.request('/admin/%E0%A4')).status).toBe(404);
  });
});
