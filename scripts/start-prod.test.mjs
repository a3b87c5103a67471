// `pnpm start:prod`: the compiled server, built on the spot, answers as production runs it, serves
// the admin web's build under /admin, and stops cleanly on SIGTERM (embedded PGlite in a temp
// DATA_DIR, no demo data, a port of its own).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const START_PROD = fileURLToPath(new URL('./start-prod.mjs', import.meta.url));

/** @returns {Promise<number>} a free loopback port */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('pnpm start:prod', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiryana-start-prod-'));

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('builds, serves /readyz and the admin web under /admin, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, [START_PROD], {
      env: { ...env, PORT: String(port), DATA_DIR: dataDir, SEED_DEMO: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 240_000;
      for (;;) {
        const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
          (response) => response.status === 200,
          () => false,
        );
        if (ready) break;
        if (child.exitCode !== null || Date.now() > deadline) {
          throw new Error(`start:prod did not get ready:\n${output}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(output).toMatch(/sync server built into .*apps\/sync-server\/dist/);
      const admin = await fetch(`http://127.0.0.1:${port}/admin/reports`);
      expect(admin.status).toBe(200);
      expect(await admin.text()).toContain('<title>Kiryana admin</title>');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      // SIGTERM, not SIGKILL: the wrapper passes it on, so a failed run leaves no server behind.
      if (child.exitCode === null) child.kill('SIGTERM');
    }
  }, 300_000);
});
