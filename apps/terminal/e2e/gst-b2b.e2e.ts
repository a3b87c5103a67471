import { execFileSync } from 'node:child_process';
import {
  businessDate,
  formatRateBp,
  gstinCheckCharacter,
  rateOn,
  type Sale,
  type Store,
  type TaxRate,
} from '@kiryana/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAccessToken } from '../test/sync/admin-token';
import {
  buildAdminWebInto,
  changeTaxRateInAdminWeb,
  signInToAdminWeb,
  type AdminWebBuild,
} from './admin-web-views';
import { loadPicks, type Pick } from './catalogue-picks';
import { createServerReader, type ServerReader } from './server-reader';
import { startServerStack, type ServerStack } from './server-stack';
import { testPgUrl, type SyncServerProcess } from './sync-server-process';
import { canRunBrowser, serveTestTerminal, TerminalPage } from './terminal-page';

/**
 * GST for a business buyer at the counter of the demo store BLR1 (Karnataka, state code 29): a
 * buyer from Tamil Nadu (33) makes the bill inter-state (IGST, no CGST/SGST) on screen, on the
 * thermal receipt, in the A4 PDF and on the server; a wrong GSTIN never reaches a bill; a rate
 * HQ changes from tomorrow on the admin web's "Tax rates" screen reaches the terminal, which keeps
 * today's rate for today's bills and applies the new one to a bill dated tomorrow (both completed
 * and held by the server); once HQ registers the store under composition, its bills are bills of
 * supply without tax.
 */

const pgUrl = testPgUrl();
const runnable = pgUrl !== undefined && canRunBrowser();
const PASSWORD = 'kiryana-demo';
const TIME_ZONE = 'Asia/Kolkata';

/** A valid Tamil Nadu GSTIN (its check character computed by the shared Luhn mod 36). */
const TN_GSTIN = `33AABCT1332L1Z${gstinCheckCharacter('33AABCT1332L1Z') ?? ''}`;
/** The same with its check character changed: a typing mistake. */
const TN_GSTIN_MISTYPED = `${TN_GSTIN.slice(0, 14)}${TN_GSTIN.endsWith('A') ? 'B' : 'A'}`;
const BUYER = { name: 'Hotel Saravana Bhavan', address: 'T. Nagar, Chennai 600017' };

/** `YYYY-MM-DD` one day after `date`. */
function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The text of a PDF file (poppler's pdftotext). */
function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

describe.skipIf(!runnable)(
  'GST at the counter: a B2B buyer in another state, rates by date',
  () => {
    let stack: ServerStack;
    let adminWeb: AdminWebBuild;
    let server: SyncServerProcess;
    let reader: ServerReader;
    let browser: Browser;
    let page: Page;
    let ui: TerminalPage;
    let disposeTerminal: () => Promise<void>;
    /** A packaged product with GST and no cess, and its tax class's rate today. */
    let product: Pick;
    let rateBp: number;

    beforeAll(async () => {
      adminWeb = await buildAdminWebInto();
      stack = await startServerStack(pgUrl ?? '', 'gst-b2b', { adminDist: adminWeb.distDir });
      ({ server, browser } = stack);
      reader = await createServerReader(server.url, await stack.enrolmentCode('BLR1'));
      const picks = await loadPicks(reader, new Date());
      const taxRates = await reader.pullAll<TaxRate>('tax-rates');
      const today = businessDate(new Date(), TIME_ZONE);
      const withRate = picks.packaged
        .filter((pick) => pick.product.unit === 'piece')
        .map((pick) => ({ pick, rate: rateOn({ rows: taxRates }, pick.product.taxClassId, today) }))
        .find(({ rate }) => rate.rateBp > 0 && rate.cessBp === 0 && !rate.cessSpecificMinor);
      if (withRate === undefined) throw new Error('no taxed packaged product to bill');
      product = withRate.pick;
      rateBp = withRate.rate.rateBp;

      const terminal = await serveTestTerminal(server.url);
      disposeTerminal = () => terminal.dispose();
      page = await browser.newPage();
      await page.goto(terminal.url);
      ui = new TerminalPage(page);
      await ui.enrol(server.demoCode ?? (await stack.enrolmentCode('BLR1')));
      await ui.signIn();
      await ui.waitForCatalogue();
    }, 240_000);

    afterAll(async () => {
      await page.close();
      await disposeTerminal();
      await stack.stop();
      adminWeb.remove();
    });

    it('refuses a mistyped GSTIN, then bills a Tamil Nadu buyer inter-state: IGST on screen, receipt, A4 PDF and server', async () => {
      const barcode = product.product.barcodes[0] ?? '';

      // A mistyped GSTIN: the check character is named as wrong, and the buyer is not put on the bill.
      await page.keyboard.press('Shift+F8');
      const dialog = page.getByTestId('buyer-dialog');
      await dialog.waitFor();
      await dialog.getByTestId('buyer-gstin').fill(TN_GSTIN_MISTYPED);
      const gstinMessage = dialog.getByTestId('buyer-gstin-message');
      expect(await gstinMessage.getAttribute('data-state')).toBe('invalid');
      expect(await gstinMessage.textContent()).toContain('check character');
      await dialog.getByTestId('buyer-name').fill(BUYER.name);
      await dialog.getByTestId('buyer-submit').click();
      expect(await dialog.getByTestId('buyer-problem').textContent()).toContain('check character');
      expect(await dialog.isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await page.getByTestId('buyer-current').count()).toBe(0);
      expect(await page.getByTestId('place-of-supply').getAttribute('data-state-code')).toBe('29');

      // The right GSTIN (typed in lowercase): the state is Tamil Nadu, taken from it and locked.
      await page.getByTestId('buyer-edit').click();
      await dialog.waitFor();
      await dialog.getByTestId('buyer-gstin').fill(TN_GSTIN.toLowerCase());
      expect(await dialog.getByTestId('buyer-gstin-message').getAttribute('data-state')).toBe(
        'valid',
      );
      const state = dialog.getByTestId('buyer-state');
      expect(await state.inputValue()).toBe('33');
      expect(await state.isDisabled()).toBe(true);
      await dialog.getByTestId('buyer-name').fill(BUYER.name);
      await dialog.getByTestId('buyer-address').fill(BUYER.address);
      await dialog.getByTestId('buyer-submit').click();
      await dialog.waitFor({ state: 'detached' });
      expect(await page.getByTestId('buyer-current-gstin').textContent()).toContain(TN_GSTIN);
      const place = page.getByTestId('place-of-supply');
      expect(await place.getAttribute('data-state-code')).toBe('33');
      expect(await place.getAttribute('data-supply-type')).toBe('inter');
      expect(await place.textContent()).toContain('Tamil Nadu');

      // The screen charges IGST only.
      await page.getByTestId('cart').click();
      await ui.scan(barcode);
      await expect.poll(() => ui.cartLineCount()).toBe(1);
      await page.getByTestId('tax-igst').first().waitFor();
      expect(await page.getByTestId('tax-igst').first().textContent()).toContain(
        `IGST (${formatRateBp(rateBp)})`,
      );
      expect(await page.getByTestId('tax-cgst').count()).toBe(0);
      expect(await page.getByTestId('tax-sgst').count()).toBe(0);

      // The receipt names the buyer's GSTIN and the place of supply.
      await page.keyboard.press('F12');
      const receipt = page.getByTestId('receipt-dialog');
      await receipt.waitFor();
      const receiptText = await receipt.innerText();
      expect(receiptText).toContain(TN_GSTIN);
      expect(receiptText).toMatch(/Tamil Nadu/);
      expect(receiptText).toMatch(/\b33\b/);
      expect(receiptText).toContain('IGST');
      expect(receiptText).not.toContain('CGST');
      const invoiceNo = (await receipt.getByTestId('receipt-invoice-no').textContent()) ?? '';

      // The A4 PDF: a tax invoice to the buyer, IGST, place of supply Tamil Nadu (33).
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        receipt.getByTestId('invoice-pdf').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.pdf$/);
      const text = pdfText(await download.path());
      expect(text).toContain('TAX INVOICE');
      expect(text).toContain(TN_GSTIN);
      expect(text).toContain(BUYER.name);
      expect(text).toContain('IGST');
      expect(text).toContain('Tamil Nadu');
      expect(text).toMatch(/\b33\b/);
      expect(text).toContain(invoiceNo);
      await page.keyboard.press('Escape');
      await receipt.waitFor({ state: 'detached' });

      // The server holds the buyer and the place of supply, inter-state.
      await ui.waitForUnsynced(0);
      const sale = (await reader.sales()).find((doc) => doc.invoiceNo === invoiceNo);
      expect(sale).toMatchObject({
        schemaVersion: 2,
        supplyType: 'inter',
        placeOfSupply: '33',
        invoiceKind: 'tax-invoice',
        buyer: { gstin: TN_GSTIN, name: BUYER.name, stateCode: '33', address: BUYER.address },
      } satisfies Partial<Sale>);
      expect(sale?.totals.igstMinor).toBeGreaterThan(0);
      expect(sale?.totals.cgstMinor).toBe(0);
      expect(sale?.totals.sgstMinor).toBe(0);
      // The next bill starts without a buyer: a walk-in at the store, intra-state.
      expect(await page.getByTestId('place-of-supply').getAttribute('data-state-code')).toBe('29');

      // The buyer is offered again (no customer master yet: from this store's earlier bills): its
      // name picks it, GSTIN and address included.
      await page.keyboard.press('Shift+F8');
      await dialog.waitFor();
      const offered = await dialog.locator('#known-buyer-gstins option').all();
      expect(await Promise.all(offered.map((option) => option.getAttribute('value')))).toContain(
        TN_GSTIN,
      );
      const name = dialog.getByTestId('buyer-name');
      await expect
        .poll(async () => {
          await name.fill('');
          await name.fill(BUYER.name.toLowerCase());
          return dialog.getByTestId('buyer-gstin').inputValue();
        })
        .toBe(TN_GSTIN);
      expect(await dialog.getByTestId('buyer-address').inputValue()).toBe(BUYER.address);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    });

    it('takes a rate HQ changes from tomorrow in the admin web: today’s bill keeps the old rate, a bill dated tomorrow the new', async () => {
      const barcode = product.product.barcodes[0] ?? '';
      const taxClassId = product.product.taxClassId;
      // Tomorrow in the store's time zone (the admin web's date field and the terminal's bill date).
      const today = businessDate(new Date(), TIME_ZONE);
      const tomorrow = dayAfter(today);
      const [newRateBp, newRatePercent] = rateBp === 1800 ? [4000, '40'] : [1800, '18'];
      const cgstLabel = (bp: number) => `CGST (GST ${formatRateBp(bp)})`;

      // HQ changes the class's rate from tomorrow on the admin web's "Tax rates" screen, in a
      // browser context of its own (the terminal's clock is moved below, the admin's is not).
      const adminContext = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: 'en-IN',
      });
      const hq = await adminContext.newPage();
      await signInToAdminWeb(hq, server.url, 'hq.admin');
      const newRowId = `${taxClassId}@${tomorrow}`;
      const pulled = page.waitForResponse(
        async (response) =>
          response.url().includes('/v1/sync/tax-rates/pull') &&
          (await response.text()).includes(newRowId),
        { timeout: 60_000 },
      );
      const shown = await changeTaxRateInAdminWeb(hq, {
        taxClassId,
        effectiveFrom: tomorrow,
        ratePercent: newRatePercent,
        note: 'e2e: rate change from tomorrow',
      });
      expect(shown).toContain(`GST ${formatRateBp(newRateBp)}`);
      await adminContext.close();
      // The terminal pulls the new row.
      await pulled;

      // A bill completed today: the old rate, on screen and in the sale the server holds.
      await page.getByTestId('cart').click();
      await ui.scan(barcode);
      await expect.poll(() => ui.cartLineCount()).toBe(1);
      expect(await page.getByTestId('tax-cgst').first().textContent()).toContain(cgstLabel(rateBp));
      const todayInvoiceNo = await ui.complete();
      await ui.waitForUnsynced(0);
      const todaySale = (await reader.sales()).find((doc) => doc.invoiceNo === todayInvoiceNo);
      expect(todaySale?.businessDate).toBe(today);
      expect(todaySale?.lines.map((line) => line.gstRateBp)).toEqual([rateBp]);
      expect(todaySale?.supplyType).toBe('intra');

      // The terminal's clock on tomorrow's date (mid-morning in Kolkata): a bill completed there
      // takes the new rate, on screen and on the server, dated tomorrow.
      await page.clock.setFixedTime(new Date(`${tomorrow}T06:00:00.000Z`));
      await page.getByTestId('cart').click();
      await ui.scan(barcode);
      await expect.poll(() => ui.cartLineCount()).toBe(1);
      expect(await page.getByTestId('tax-cgst').first().textContent()).toContain(
        cgstLabel(newRateBp),
      );
      const tomorrowInvoiceNo = await ui.complete();
      await ui.waitForUnsynced(0);
      const tomorrowSale = (await reader.sales()).find(
        (doc) => doc.invoiceNo === tomorrowInvoiceNo,
      );
      expect(tomorrowSale?.businessDate).toBe(tomorrow);
      expect(tomorrowSale?.lines.map((line) => line.gstRateBp)).toEqual([newRateBp]);
      expect(tomorrowSale?.supplyType).toBe('intra');

      // Back on today's date, an open bill (the next test's) takes the old rate again.
      await page.clock.setFixedTime(new Date());
      await page.getByTestId('cart').click();
      await ui.scan(barcode);
      await expect.poll(() => ui.cartLineCount()).toBe(1);
      expect(await page.getByTestId('tax-cgst').first().textContent()).toContain(cgstLabel(rateBp));
    });

    it('issues bills of supply without tax once HQ registers the store under composition', async () => {
      // Back to today (the clock stays fixed: the terminal reads it, never waits on it).
      await page.clock.setFixedTime(new Date());
      const hq = await adminAccessToken(server.url, 'hq.admin', PASSWORD);
      const store = (await reader.pullAll<Store>('stores')).find(
        (doc) => doc.id === reader.storeId,
      );
      if (store === undefined) throw new Error('the reader sees no store');
      const response = await fetch(`${server.url}/v1/admin/stores/${store.id}/gst`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${hq}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          gstin: store.gstin,
          legalName: store.legalName ?? store.nameEn,
          composition: true,
          einvoicing: false,
        }),
      });
      expect(response.status, await response.clone().text()).toBe(200);

      // The store document reaches the terminal: the open bill becomes a bill of supply.
      await expect
        .poll(() => page.getByTestId('invoice-kind').textContent(), { timeout: 60_000 })
        .toBe('Bill of supply');
      expect(await ui.cartLineCount()).toBe(1);
      expect(await page.getByTestId('composition-legend').textContent()).toContain(
        'not eligible to collect tax',
      );
      for (const head of ['cgst', 'sgst', 'igst', 'cess'])
        expect(await page.getByTestId(`tax-${head}`).count()).toBe(0);

      await page.keyboard.press('F12');
      const receipt = page.getByTestId('receipt-dialog');
      await receipt.waitFor();
      expect(await receipt.innerText()).toContain('BILL OF SUPPLY');
      const invoiceNo = (await receipt.getByTestId('receipt-invoice-no').textContent()) ?? '';
      await page.keyboard.press('Escape');
      await receipt.waitFor({ state: 'detached' });
      await ui.waitForUnsynced(0);
      const sale = (await reader.sales()).find((doc) => doc.invoiceNo === invoiceNo);
      expect(sale?.invoiceKind).toBe('bill-of-supply');
      expect(sale?.taxBreakdown).toEqual([]);
      expect(sale?.totals).toMatchObject({
        cgstMinor: 0,
        sgstMinor: 0,
        igstMinor: 0,
        cessMinor: 0,
      });
      expect(sale?.totals.taxableMinor).toBe(sale?.totals.netMinor);
    });
  },
);
