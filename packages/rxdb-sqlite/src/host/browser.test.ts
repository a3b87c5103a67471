/**
 * A renderer in Chromium (Debian's /usr/bin/chromium through playwright-core) writes and queries
 * documents through the Node host; the test then finds them in the SQLite file on disk.
 * Skips when Chromium is missing, unless CI=true.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { isCi } from '../test-env';
import { makeTempDir, openFileForInspection, TEST_KEY } from '../test-support';
import { startStorageHost, type StorageHost } from './storage-host';

const CHROMIUM = '/usr/bin/chromium';
const runBrowser = existsSync(CHROMIUM) || isCi;
const here = dirname(fileURLToPath(import.meta.url));

describe.skipIf(!runBrowser)('browser renderer on the SQLite host', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let host: StorageHost;
  let page: Server;
  let pageUrl: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    temp = makeTempDir('browser');
    host = await startStorageHost({
      port: 0,
      databaseDir: temp.dir,
      encryptionKey: TEST_KEY,
      token: 'browser-test',
    });
    const bundle = buildSync({
      entryPoints: [join(here, 'browser-page.fixture.ts')],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
      write: false,
      logLevel: 'error',
    }).outputFiles[0]?.text;
    if (!bundle) throw new Error('esbuild produced no bundle');
    // Served from http://127.0.0.1 (a secure context, which RxDB's hashing needs).
    page = createServer((req, res) => {
      if (req.url === '/page.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      } else {
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!doctype html><title>terminal</title><script src="/page.js"></script>');
      }
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => page.close(resolve));
    await host.close();
    temp.cleanup();
  });

  it('writes and queries documents that end up in the SQLite file on disk', async () => {
    if (!browser) throw new Error('browser did not start');
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(pageUrl);
    const ids = await tab.evaluate(
      (url) =>
        (globalThis as unknown as { runScenario: (u: string) => Promise<string[]> }).runScenario(
          url,
        ),
      host.url,
    );
    await tab.close();
    expect(errors).toEqual([]);
    expect(ids).toEqual(['bill-4', 'bill-1']);

    const file = openFileForInspection(join(temp.dir, 'browser-terminal.sqlite'));
    const rows = file.prepare('SELECT id, data FROM "rx_bills_v0" ORDER BY id').all() as {
      id: string;
      data: string;
    }[];
    file.close();
    expect(rows.map((r) => JSON.parse(r.data) as unknown)).toMatchObject([
      { id: 'bill-1', storeId: 'blr-01', totalMinor: 45_000 },
      { id: 'bill-2', storeId: 'blr-01', totalMinor: 1_250 },
      { id: 'bill-3', storeId: 'blr-02', totalMinor: 99_900 },
      { id: 'bill-4', storeId: 'blr-01', totalMinor: 7_000 },
    ]);
  }, 60_000);
});
