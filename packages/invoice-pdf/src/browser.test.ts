/**
 * The terminal renders invoices in Chromium and the sync server in Node: both must produce the same
 * bytes for the same sale. The renderer is bundled for the browser and run in Debian's Chromium
 * (through playwright-core, as rxdb-sqlite's browser test does); skipped when Chromium is missing.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderInvoicePdf } from './index';
import { b2bInterState, billOfSupply, creditNote } from './invoice.fixtures';
import { isCi } from './test-env';

const CHROMIUM = '/usr/bin/chromium';
const here = dirname(fileURLToPath(import.meta.url));

describe.skipIf(!existsSync(CHROMIUM) && !isCi)('in Chromium', () => {
  let browser: Browser | undefined;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('renders the same bytes as Node', async () => {
    if (browser === undefined) throw new Error('browser did not start');
    const bundle = buildSync({
      entryPoints: [join(here, 'browser-page.fixture.ts')],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
      write: false,
      logLevel: 'error',
    }).outputFiles[0]?.text;
    if (bundle === undefined) throw new Error('esbuild produced no bundle');
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.setContent('<!doctype html><title>invoice</title>');
    await tab.addScriptTag({ content: bundle });
    const inBrowser = await tab.evaluate(() =>
      (globalThis as unknown as { renderAll: () => Promise<string[]> }).renderAll(),
    );
    await tab.close();
    expect(errors).toEqual([]);
    const inNode = await Promise.all(
      [b2bInterState(), billOfSupply('hi'), creditNote()].map(async (model) =>
        Buffer.from(await renderInvoicePdf(model)).toString('base64'),
      ),
    );
    expect(inBrowser).toHaveLength(3);
    inBrowser.forEach((pdf, i) => {
      expect(pdf === inNode[i], `document ${String(i)} differs`).toBe(true);
    });
  }, 120_000);
});
