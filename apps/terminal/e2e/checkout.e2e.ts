import { formatMoney, formatNumber, money } from '@kiryana/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedBill, loadPicks, payableOf, scaleLabel } from './catalogue-picks';
import { textColours } from './contrast';
import { createServerReader, type ServerReader } from './server-reader';
import { startServerStack, type ServerStack } from './server-stack';
import { testPgUrl, type SyncServerProcess } from './sync-server-process';
import { canRunBrowser, DEMO_CASHIER, serveTestTerminal, TerminalPage } from './terminal-page';

const pgUrl = testPgUrl();
const runnable = pgUrl !== undefined && canRunBrowser();

/** What a cashier types for an amount: 123.45. */
const typed = (minor: number) => formatNumber(minor, { scale: 2, useGrouping: false });
/** How the screen shows an amount: ₹1,234.50. */
const shown = (minor: number) => formatMoney(money(minor));

describe.skipIf(!runnable)('terminal against a real sync server on Postgres', () => {
  let stack: ServerStack;
  let server: SyncServerProcess;
  let reader: ServerReader;
  let browser: Browser;

  const code = () => stack.enrolmentCode('BLR1');

  beforeAll(async () => {
    stack = await startServerStack(pgUrl ?? '', 'server');
    ({ server, browser } = stack);
    reader = await createServerReader(server.url, await code());
  }, 180_000);

  afterAll(async () => {
    await stack.stop();
  });

  it('enrols, bills 2 scanned items, a pack sized in grams or ml and 1 weighed item paid by UPI and cash, and the server has it right', async () => {
    const terminal = await serveTestTerminal(server.url);
    const page = await browser.newPage();
    try {
      const picks = await loadPicks(reader, new Date());
      const [a, b] = picks.packaged.filter((pick) => pick.product.unit === 'piece');
      // A pack whose size is in g or ml (Kolam Rice 5 kg): counted in packs, never "0.001 kg".
      const c = picks.packaged.find((pick) => pick.product.unit !== 'piece');
      const [rice] = picks.loose;
      if (a === undefined || b === undefined || c === undefined || rice === undefined)
        throw new Error('no picks');
      await page.goto(terminal.url);
      const ui = new TerminalPage(page);
      await ui.enrol(server.demoCode ?? (await code()));
      await ui.signIn();
      await ui.waitForCatalogue();

      // The active tab's key hint is readable: its colour differs from what it is drawn on, at
      // a WCAG AA contrast of 4.5:1 or more (computed by Chromium, ratio computed here).
      const hint = page.getByTestId('nav-billing').locator('kbd');
      expect(await page.getByTestId('nav-billing').getAttribute('class')).toBe('active');
      const { color, background, ratio } = await textColours(hint);
      expect(color).not.toEqual(background);
      expect(ratio, `F1 hint contrast ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(4.5);

      // Bad scans change nothing and say why.
      await ui.scan('8900000000017');
      expect(await ui.message()).toContain('8900000000017');
      const label = scaleLabel(rice.product, 1250);
      const damaged = `${label.slice(0, 12)}${(Number(label[12]) + 1) % 10}`;
      await ui.scan(damaged);
      expect(await ui.message()).toContain(damaged);
      expect(await ui.cartLineCount()).toBe(0);

      // Scans land wherever focus is: click the cart first, away from the search field.
      await page.getByTestId('cart').click();
      for (const pick of [a, b, c]) await ui.scan(pick.product.barcodes[0] ?? '');
      await ui.scan(label);
      await expect.poll(() => ui.cartLineCount()).toBe(4);
      expect(await page.getByTestId('line-qty').allTextContents()).toEqual([
        '1',
        '1',
        '1',
        '1.25 kg',
      ]);

      const lines = [a.line(1), b.line(1), c.line(1), rice.line(1250)];
      const payable = payableOf(lines);
      const upiMinor = Math.min(10_000, payable - 100);
      const cashMinor = payable - upiMinor;
      const tenderedMinor = cashMinor + 2000;
      const expected = expectedBill(lines, [
        { method: 'upi', amountMinor: upiMinor, reference: 'UPI-E2E-1' },
        { method: 'cash', amountMinor: cashMinor, tenderedMinor },
      ]);
      expect(await page.getByTestId('total').textContent()).toContain(shown(payable));

      // Underpaid without credit cannot be completed.
      await ui.pay('upi', typed(upiMinor), 'UPI-E2E-1');
      await page.keyboard.press('F12');
      await expect.poll(() => ui.message()).toMatch(/not fully paid/);
      expect(await ui.unsyncedCount()).toBe(0);

      await ui.pay('cash', '', typed(tenderedMinor));
      expect(await page.getByTestId('change').textContent()).toContain(shown(2000));
      await page.keyboard.press('F12');
      const receipt = page.getByTestId('receipt-dialog');
      await receipt.waitFor();
      // The dialog names the document once: no second "TAX INVOICE" above the receipt's own.
      expect((await receipt.innerText()).match(/TAX INVOICE/g)).toEqual(['TAX INVOICE']);
      expect(await receipt.getAttribute('aria-label')).toBe('TAX INVOICE');
      expect(
        await receipt.locator('.receipt-items tbody td.num:nth-child(3)').allTextContents(),
      ).toEqual(['1', '1', '1', '1.25 kg']);
      const invoiceNo = (await receipt.getByTestId('receipt-invoice-no').textContent()) ?? '';
      await page.keyboard.press('Escape');
      await receipt.waitFor({ state: 'detached' });
      expect(invoiceNo).toMatch(/^[A-Z0-9]+\/\d{2}\/000001$/);
      await ui.waitForUnsynced(0);

      const sale = (await reader.sales()).find((doc) => doc.invoiceNo === invoiceNo);
      expect(sale).toBeDefined();
      expect(sale?.cashierId).toEqual(expect.any(String));
      expect(sale?.totals).toEqual(expected.totals);
      expect(sale?.taxBreakdown).toEqual(expected.taxBreakdown);
      expect(sale?.lines.map((line) => [line.productId, line.qtyBase, line.netMinor])).toEqual(
        expected.lines.map((line) => [line.productId, line.qtyBase, line.netMinor]),
      );
      expect(sale?.payments.map((p) => [p.method, p.amountMinor, p.reference])).toEqual([
        ['upi', upiMinor, 'UPI-E2E-1'],
        ['cash', cashMinor, null],
      ]);
      // Hindi at run time, and back: every label changes, the bill stays.
      await page.getByTestId('toggle-language').click();
      await expect.poll(() => page.getByTestId('nav-billing').textContent()).toContain('बिलिंग');
      expect(await page.getByTestId('sync-unsynced').textContent()).toContain('अपलोड बाकी');
      await page.getByTestId('toggle-language').click();
      await expect.poll(() => page.getByTestId('nav-billing').textContent()).toContain('Billing');
      const levels = new Map(
        (await reader.levels()).map((level) => [level.productId, level.qtyBase]),
      );
      for (const line of lines) {
        expect(levels.get(line.productId)).toBe(
          (picks.levelOf.get(line.productId) ?? 0) - line.qtyBase,
        );
      }
    } finally {
      await page.close();
      await terminal.dispose();
    }
  });

  it('locks the cashier at the 6th wrong PIN in a row, still after a reload, refuses the right PIN while locked, and a manager unlocks', async () => {
    const terminal = await serveTestTerminal(server.url);
    let page = await browser.newPage();
    try {
      await page.goto(terminal.url);
      let ui = new TerminalPage(page);
      await ui.enrol(await code());
      const attemptsLeft: (string | null)[] = [];
      for (let attempt = 1; attempt <= 5; attempt++) {
        attemptsLeft.push(await ui.trySignIn(DEMO_CASHIER.displayName, '9999'));
        attemptsLeft.push(await page.getByTestId('sign-in-message').textContent());
      }
      expect(attemptsLeft.filter((_, i) => i % 2 === 0)).toEqual(Array(5).fill('wrong'));
      expect(attemptsLeft[1]).toContain('4 attempts left');
      expect(attemptsLeft[9]).toContain('0 attempts left');
      expect(await ui.trySignIn(DEMO_CASHIER.displayName, '9999')).toBe('locked');

      await page.close();
      page = await browser.newPage();
      await page.goto(terminal.url);
      ui = new TerminalPage(page);
      await page.getByTestId('sign-in-screen').waitFor();
      expect(await ui.trySignIn(DEMO_CASHIER.displayName, DEMO_CASHIER.pin)).toBe('locked');
      expect(await page.getByTestId('billing-screen').count()).toBe(0);
      // A manager's PIN lifts the lock; then the right PIN signs the cashier in.
      await page.getByTestId('sign-in-unlock').click();
      await ui.authorise();
      await ui.signIn();
    } finally {
      await page.close();
      await terminal.dispose();
    }
  });

  it('bills offline through a restart and delivers all 26 documents exactly once when the server is back', async () => {
    const terminal = await serveTestTerminal(server.url);
    let page = await browser.newPage();
    try {
      const picks = await loadPicks(reader, new Date());
      const codes = picks.packaged.slice(3, 8).map((pick) => pick.product.barcodes[0] ?? '');
      await page.goto(terminal.url);
      let ui = new TerminalPage(page);
      await ui.enrol(await code());
      await ui.signIn();
      await ui.waitForCatalogue();
      const credential = await terminal.credential();
      if (credential === null) throw new Error('not enrolled');

      await server.stop();
      const invoices: string[] = [];
      for (let bill = 0; bill < 20; bill++) {
        await ui.scan(codes[bill % codes.length] ?? '');
        if (bill % 3 === 0) await ui.scan(codes[(bill + 1) % codes.length] ?? '');
        invoices.push(await ui.complete());
      }
      // A return of one item of the first bill, made offline too.
      await page.keyboard.press('F3');
      await page.getByTestId('return-invoice-input').fill(invoices[0] ?? '');
      await page.keyboard.press('Enter');
      await page.getByTestId('return-qty-1').fill('1');
      await page.getByTestId('return-submit').click();
      await ui.authorise();
      await page.getByTestId('receipt-invoice-no').waitFor();
      const creditNote = (await page.getByTestId('receipt-invoice-no').textContent()) ?? '';
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await ui.waitForUnsynced(21);

      // A restart of the terminal: everything is still there and billing goes on.
      await page.close();
      page = await browser.newPage();
      await page.goto(terminal.url);
      ui = new TerminalPage(page);
      // Offline: the PIN is checked against the verifiers kept from before the restart.
      await ui.signIn();
      await ui.waitForUnsynced(21);
      for (let bill = 0; bill < 5; bill++) {
        await ui.scan(codes[bill] ?? '');
        invoices.push(await ui.complete());
      }
      await ui.waitForUnsynced(26);
      expect(new Set(invoices).size).toBe(25);
      expect(invoices.at(-1)).toMatch(/\/000025$/);

      server = await stack.startServerAgain();
      await ui.waitForUnsynced(0, 120_000);

      const sales = (await reader.sales()).filter(
        (sale) => sale.terminalId === credential.deviceId,
      );
      expect(sales).toHaveLength(26);
      expect(new Set(sales.map((sale) => sale.id)).size).toBe(26);
      expect(sales.map((sale) => sale.invoiceNo).sort()).toEqual([...invoices, creditNote].sort());
      const returned = sales.find((sale) => sale.kind === 'return');
      expect(returned?.originalSaleId).toBe(
        sales.find((sale) => sale.invoiceNo === invoices[0])?.id,
      );

      const movements = await reader.movements();
      const byId = new Map<string, number>();
      for (const movement of movements) byId.set(movement.id, (byId.get(movement.id) ?? 0) + 1);
      for (const sale of sales) {
        for (const line of sale.lines) {
          const movement = movements.find((m) => m.id === `${sale.id}:${line.lineNo}`);
          expect(byId.get(`${sale.id}:${line.lineNo}`)).toBe(1);
          expect(movement?.qtyDeltaBase).toBe(sale.kind === 'sale' ? -line.qtyBase : line.qtyBase);
        }
      }
      const sums = new Map<string, number>();
      for (const movement of movements) {
        sums.set(movement.productId, (sums.get(movement.productId) ?? 0) + movement.qtyDeltaBase);
      }
      for (const level of await reader.levels()) {
        expect(level.qtyBase, level.productId).toBe(sums.get(level.productId) ?? 0);
      }
      expect(await ui.unsyncedCount()).toBe(0);
    } finally {
      await page.close();
      await terminal.dispose();
    }
  });
});
