import { type Gstr1Json, businessDate } from '@kiryana/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, signIn } from './browser';
import { isCi, testPgUrl as pgUrl } from './e2e-env';
import { type E2eServer, buildAdminWeb, startE2eServer } from './e2e-server';
import { type TerminalClient, enrolTerminal } from './terminal-client';

/**
 * Issue 19's GST returns screen, in Chromium against the real server on Postgres: a terminal of
 * the demo store sells ₹1,050 (GST 5 % inclusive) through the sync push; HQ picks the store's
 * GSTIN and this month, sees the sale in the B2C small table, and downloads the GSTR-1 JSON and
 * the table's CSV with the same figures.
 */
if (!pgUrl && isCi) throw new Error('TEST_PG_URL is required in CI');

async function text(download: Promise<{ createReadStream(): Promise<NodeJS.ReadableStream> }>) {
  let body = '';
  for await (const chunk of await (await download).createReadStream()) body += String(chunk);
  return body;
}

describe.skipIf(!hasChromium || !pgUrl)('GST returns in the admin web', () => {
  let server: E2eServer;
  let browser: Browser;
  let terminal: TerminalClient;
  let hq: Page;
  let gstin = '';
  const month = businessDate(new Date()).slice(0, 7);

  beforeAll(async () => {
    await buildAdminWeb();
    server = await startE2eServer(pgUrl ?? '');
    browser = await launchChromium();
    terminal = await enrolTerminal(server.url, server.enrolment.code);
    const { rows } = await server.db.query<{ gstin: string; product: string }>(
      `SELECT s.gstin, (SELECT id FROM products WHERE NOT deleted AND active ORDER BY sku LIMIT 1) AS product
         FROM stores s WHERE s.id = $1`,
      [terminal.storeId],
    );
    gstin = rows[0]?.gstin ?? '';
    await terminal.sell(rows[0]?.product ?? '', 105_000);
  }, 240_000);

  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  it('shows the month’s tables of a GSTIN and downloads the JSON and a CSV', async () => {
    hq = await signIn(browser, server.url, 'hq.admin');
    await hq.getByRole('navigation').getByRole('link', { name: 'GST returns' }).click();
    await hq.getByRole('heading', { name: 'GST returns' }).waitFor();
    await hq.getByLabel('GSTIN').selectOption(gstin);
    await hq.getByLabel('Month').fill(month);
    const b2cs = hq.getByTestId('gstr1-b2cs');
    await b2cs.waitFor();
    await expect.poll(() => b2cs.textContent()).toContain('₹1,000.00');
    expect(await b2cs.textContent()).toContain('₹50.00');

    const json = hq.waitForEvent('download');
    await hq.getByRole('button', { name: 'Download GSTR-1 JSON' }).click();
    const gstr1 = JSON.parse(await text(json)) as Gstr1Json;
    expect(gstr1.gstin).toBe(gstin);
    expect(gstr1.fp).toBe(`${month.slice(5, 7)}${month.slice(0, 4)}`);
    expect(gstr1.b2cs.map((r) => [r.rt, r.txval])).toEqual([[5, 1000]]);

    const csv = hq.waitForEvent('download');
    await b2cs.getByRole('button', { name: 'Download CSV' }).click();
    const lines = (await text(csv)).trim().split('\r\n');
    expect(lines[0]).toBe('supply_type,place_of_supply,type,rate,taxable,igst,cgst,sgst,cess');
    expect(lines.slice(1)).toEqual([
      `INTRA,${gstin.slice(0, 2)},OE,5,1000.00,0.00,25.00,25.00,0.00`,
    ]);
  });
});
