import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barcodeOf } from '../bench/synthetic-catalogue';
import { serveSeededTerminal } from './seeded-terminal';
import {
  canRunBrowser,
  launchChromium,
  releaseRenderer,
  TerminalPage,
  type ServedTestTerminal,
} from './terminal-page';

/**
 * The counter's everyday keys on a terminal that has never seen its server (a synthetic
 * catalogue in its SQLite files): no Postgres needed, so this suite runs wherever Chromium does.
 */
describe.skipIf(!canRunBrowser())('the counter, offline', () => {
  let terminal: ServedTestTerminal;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ui: TerminalPage;

  beforeAll(async () => {
    // 500 products; every 50th (p000049, p000099 …) is sold loose by the kg.
    terminal = await serveSeededTerminal(500, { stockLevels: 60, looseEvery: 50 });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    page = await context.newPage();
    ui = new TerminalPage(page);
    await page.goto(terminal.url);
    await ui.signIn();
  });
  afterAll(async () => {
    await browser.close();
    await terminal.dispose();
    await releaseRenderer();
  });

  const qtyOf = (productId: string) =>
    page
      .locator(`[data-testid=cart-line][data-product-id=${productId}] [data-testid=line-qty]`)
      .textContent();

  it('serves a whole session at the keyboard: scans, quantities, weights, void, discount, hold/recall, bill, stock, return', async () => {
    // A second tab of the same terminal refuses to start (one invoice series, one writer).
    const second = await context.newPage();
    await second.goto(terminal.url);
    await expect.poll(() => second.locator('#root').textContent()).toContain('already open');
    await second.close();

    // Repeat scans merge, F4 sets a quantity, a loose item found in Hindi is weighed, Del voids.
    await ui.scan(barcodeOf(1));
    await ui.scan(barcodeOf(1));
    expect(await qtyOf('p000001')).toBe('2');
    await page.keyboard.press('F4');
    await page.getByTestId('quantity-input').fill('5');
    await page.keyboard.press('Enter');
    await expect.poll(() => qtyOf('p000001')).toBe('5');

    // p000049 is "Biscuit (Loose) 49", in Hindi "बिस्कुट (खुला) 49".
    await page.getByTestId('search-input').fill('बिस्कुट खुला');
    await page.getByTestId('search-results').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('quantity-input').fill('0.75');
    await page.keyboard.press('Enter');
    await expect.poll(() => qtyOf('p000049')).toBe('0.75 kg');

    await ui.scan(barcodeOf(2));
    expect(await ui.cartLineCount()).toBe(3);
    // Del voids only with a manager's PIN; a wrong one is refused and counted.
    await page.keyboard.press('Delete');
    const managerDialog = page.getByTestId('manager-dialog');
    await managerDialog.getByTestId('manager-pin').fill('0000');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => managerDialog.getByTestId('manager-message').getAttribute('data-reason'))
      .toBe('wrong');
    expect(await ui.cartLineCount()).toBe(3);
    await ui.authorise();
    expect(await ui.cartLineCount()).toBe(2);

    // The bill discount stays within the limit; F9 holds the bill, Shift+F9 recalls it.
    await page.keyboard.press('F6');
    await page.getByTestId('discount-input').fill('100000');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('discount-dialog').textContent()).resolves.toContain(
      'more than the limit',
    );
    await page.getByTestId('discount-input').fill('1');
    await page.keyboard.press('Enter');
    await ui.authorise();
    await expect.poll(() => page.getByTestId('discount').textContent()).toContain('1.00');

    await page.keyboard.press('F9');
    await expect.poll(() => ui.cartLineCount()).toBe(0);
    await page.keyboard.press('Shift+F9');
    await page.getByTestId('parked-dialog').getByRole('button').first().click();
    await expect.poll(() => ui.cartLineCount()).toBe(2);
    expect(await qtyOf('p000049')).toBe('0.75 kg');

    // F12 completes it; a damage adjustment and a return follow, all waiting for upload.
    const invoiceNo = await ui.complete();
    expect(invoiceNo).toBe('BENCT1/26/000001');

    await page.keyboard.press('F5');
    await page.getByTestId('stock-tab-adjust').click();
    await page.getByTestId('adjust-product').fill('SKU000003');
    await page.keyboard.press('Enter');
    await page.getByTestId('adjust-qty').fill('-2');
    await page.getByTestId('adjust-reason').selectOption('damage');
    await page.getByTestId('adjust-save').click();
    const row = page.locator('[data-testid=stock-row][data-product-id=p000003]');
    // Server level 9 (seeded as index × 3) − 2 damaged.
    await expect.poll(() => row.getByTestId('stock-on-hand').textContent()).toBe('7');
    // Sold 5 of p000001 (server level 3): on hand −2, below its reorder level.
    const sold = page.locator('[data-testid=stock-row][data-product-id=p000001]');
    await expect.poll(() => sold.getAttribute('class')).toBe('low');

    await page.keyboard.press('F3');
    await page.getByTestId('return-invoice-input').fill(invoiceNo);
    await page.keyboard.press('Enter');
    await page.getByTestId('return-qty-1').fill('1');
    await page.getByTestId('return-submit').click();
    await ui.authorise();
    await expect
      .poll(() => page.getByTestId('receipt-invoice-no').textContent())
      .toBe('T1RBEN/26/000001');
    await page.keyboard.press('Escape');
    await ui.waitForUnsynced(3);

    // Leaving the store waits until nothing is left to upload.
    await page.keyboard.press('F7');
    // The count arrives a moment after the screen (services.unbind() refuses meanwhile too).
    await expect.poll(() => page.getByTestId('unbind').isDisabled()).toBe(true);
  });
});
