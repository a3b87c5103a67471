import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatNumber } from '@kiryana/shared';
import type { Browser, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPicks, payableOf } from './catalogue-picks';
import { inheritedEnv } from './e2e-env';
import { createServerReader, type ServerReader } from './server-reader';
import { startServerStack, type ServerStack } from './server-stack';
import { testPgUrl, type SyncServerProcess, type TestPostgres } from './sync-server-process';
import { canRunBrowser, serveTestTerminal, TerminalPage } from './terminal-page';

/**
 * A supermarket's first day (issue 22): a new terminal enrolled against a 100,000-product
 * catalogue loads it by snapshot (docs/sync.md, "Snapshot") and bills its first scan while the
 * first sync is still busy with the store's stock levels, which come last. The test holds the
 * stock-level download until the bill is done, so "still running" is a fact, not a race.
 */

const pgUrl = testPgUrl();
const runnable = pgUrl !== undefined && canRunBrowser();
const PRODUCTS = 100_000;
/** The demo seed makes 2,000 products; each gets this many variants (grow-catalogue-cli.ts). */
const COPIES = PRODUCTS / 2_000 - 1;
const SERVER_DIR = fileURLToPath(new URL('../../sync-server/', import.meta.url));
const TSX = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

/** Runs the server's grow-catalogue tool against the test database. */
async function growCatalogue(databaseUrl: string, storeCode: string): Promise<string> {
  const child = spawn(TSX, ['src/grow-catalogue-cli.ts', String(COPIES), storeCode], {
    cwd: SERVER_DIR,
    env: { ...inheritedEnv(), DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (status !== 0) throw new Error(`grow-catalogue failed:\n${output}`);
  return output.trim();
}

describe.skipIf(!runnable)('a new terminal of a 100,000-product store', () => {
  let stack: ServerStack;
  let database: TestPostgres;
  let server: SyncServerProcess;
  let reader: ServerReader;
  let browser: Browser;

  const code = () => stack.enrolmentCode('BLR1');

  beforeAll(async () => {
    stack = await startServerStack(pgUrl ?? '', 'server');
    ({ database, server, browser } = stack);
    reader = await createServerReader(server.url, await code());
  }, 180_000);

  afterAll(async () => {
    await stack.stop();
  });

  it('bills its first scan while the first sync still downloads the stock levels', async () => {
    // Picks from the seeded 2,000 (the variants carry no barcodes), before the catalogue grows.
    const picks = await loadPicks(reader, new Date());
    const pick = picks.packaged.find((p) => p.product.unit === 'piece');
    if (pick === undefined) throw new Error('no pick');
    expect(await growCatalogue(database.url, 'BLR1')).toContain(
      `${formatNumber(PRODUCTS, { useGrouping: false })} products`,
    );

    const terminal = await serveTestTerminal(server.url);
    const page = await browser.newPage();
    try {
      const snapshots: string[] = [];
      page.on('request', (request) => {
        const match = /\/v1\/sync\/([^/?]+)\/snapshot/.exec(request.url());
        if (match?.[1] !== undefined) snapshots.push(match[1]);
      });
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let stockRequested = () => {};
      const stockAsked = new Promise<void>((resolve) => (stockRequested = resolve));
      await page.route('**/v1/sync/stock-levels/snapshot*', async (route: Route) => {
        stockRequested();
        await released;
        await route.continue();
      });

      const started = performance.now();
      await page.goto(terminal.url);
      const ui = new TerminalPage(page);
      await ui.enrol(await code());
      await ui.signIn();
      // Stock levels are asked for only once the catalogue and its prices are in.
      await stockAsked;
      const catalogueS = (performance.now() - started) / 1000;
      await ui.scan(pick.product.barcodes[0] ?? '');
      await expect.poll(() => ui.cartLineCount(), { timeout: 15_000 }).toBe(1);
      await ui.pay(
        'cash',
        '',
        formatNumber(payableOf([pick.line(1)]), { scale: 2, useGrouping: false }),
      );
      const invoiceNo = await ui.complete();
      const billedS = (performance.now() - started) / 1000;
      expect(invoiceNo).toMatch(/\/000001$/);
      // The first sync is still running: stock levels have not even begun to arrive.
      expect(await page.getByTestId('sync-progress').count()).toBe(1);
      expect(snapshots).toEqual(['stores', 'tax-rates', 'products', 'prices', 'stock-levels']);

      release();
      await ui.waitForCatalogue(240_000);
      const syncedS = (performance.now() - started) / 1000;
      await ui.waitForUnsynced(0);
      const sale = (await reader.sales()).find((doc) => doc.invoiceNo === invoiceNo);
      expect(sale?.lines.map((line) => line.productId)).toEqual([pick.product.id]);
      console.info(
        `first day at ${String(PRODUCTS)} products: catalogue and prices in ${catalogueS.toFixed(1)} s, ` +
          `first bill done at ${billedS.toFixed(1)} s, first sync complete at ${syncedS.toFixed(1)} s ` +
          '(stock levels held back until the bill was done)',
      );
    } finally {
      await page.close();
      await terminal.dispose();
    }
  }, 600_000);
});
