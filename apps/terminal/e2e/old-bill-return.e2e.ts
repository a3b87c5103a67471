import { businessDate, computeBill, createUuidV7Generator } from '@kiryana/shared';
import {
  createAccessTokens,
  createSyncApi,
  type DeviceCredential,
  type SyncApi,
} from '@kiryana/sync-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saleDocumentOf } from '../src/renderer/features/billing/sale-document';
import { startServerStack, type ServerStack } from './server-stack';
import { testPgUrl, type SyncServerProcess } from './sync-server-process';
import {
  canRunBrowser,
  serveTestTerminal,
  TerminalPage,
  type ServedTestTerminal,
} from './terminal-page';

/**
 * A customer brings back a bill older than the terminal's local history, in Chromium against a
 * real server: the bill is pulled like any of the store's bills, forgotten by the retention run
 * after the next sign-in, fetched from the server when its number is entered, and taken back
 * with a credit note the server stores; offline the screen says the bill needs the network.
 */

const pgUrl = testPgUrl();
const runnable = pgUrl !== undefined && canRunBrowser();
const DAY_MS = 86_400_000;
const INVOICE_NO = 'OLDT1/25/000042';

/** A bill of two packets made 120 days ago at this store, as another till would have pushed it. */
function oldBill(credential: DeviceCredential) {
  const createdMs = Date.now() - 120 * DAY_MS;
  const newId = createUuidV7Generator({
    clock: { now: () => createdMs },
    random: (bytes) => {
      crypto.getRandomValues(bytes as Uint8Array<ArrayBuffer>);
    },
  });
  const result = computeBill({
    currency: 'INR',
    supplyType: 'intra',
    billDiscountMinor: 0,
    lines: [
      {
        productId: 'old-salt',
        name: 'Tata Salt 1 kg',
        hsn: '2501',
        qtyBase: 2,
        priceBasisQty: 1,
        unitPriceMinor: 2800,
        mrpMinor: 2800,
        discountMinor: 0,
        gstRateBp: 500,
        cessRateBp: 0,
      },
    ],
    payments: [{ method: 'cash', amountMinor: 5600, tenderedMinor: 5600, reference: null }],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return saleDocumentOf(result.bill, {
    id: newId(),
    kind: 'sale',
    storeId: credential.storeId,
    terminalId: credential.deviceId,
    invoiceNo: INVOICE_NO,
    originalSaleId: null,
    customerId: null,
    createdAt: new Date(createdMs).toISOString(),
    businessDate: businessDate(new Date(createdMs)),
  });
}

/** Looks the bill up on the returns screen; true when it came from the server. */
async function findOnReturnsScreen(page: Page): Promise<boolean> {
  await page.keyboard.press('F3');
  const screen = page.getByTestId('returns-screen');
  await screen.waitFor();
  await page.getByTestId('return-invoice-input').fill(INVOICE_NO.toLowerCase());
  await page.keyboard.press('Enter');
  const lines = page.getByTestId('return-line');
  await lines.or(page.getByTestId('returns-message')).first().waitFor();
  return page.getByTestId('returns-from-server').isVisible();
}

describe.skipIf(!runnable)('returning a bill older than local history, in Chromium', () => {
  let stack: ServerStack;
  let server: SyncServerProcess;
  let terminal: ServedTestTerminal;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startServerStack(pgUrl ?? '', 'old-bill');
    ({ server, browser } = stack);
    terminal = await serveTestTerminal(server.url);
  }, 180_000);

  afterAll(async () => {
    await terminal.dispose();
    await stack.stop();
  });

  it('forgets the old bill, fetches it from the server for a return, and needs the network for it', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const ui = new TerminalPage(page);
    await page.goto(terminal.url);
    await ui.enrol(server.demoCode ?? '');
    await ui.signIn();
    await ui.waitForCatalogue();
    const credential = (await terminal.credential()) as DeviceCredential | null;
    if (credential === null) throw new Error('not enrolled');
    const api: SyncApi = createSyncApi(
      fetch,
      server.url,
      createAccessTokens(fetch, credential, { now: Date.now }),
    );
    const sale = oldBill(credential);
    const pushed = await api.push('sales', [{ newDocumentState: { ...sale, _deleted: false } }]);
    expect(pushed).toEqual({ conflicts: [], quarantined: 0 });

    // Pulled like every bill of the store: found here, not on the server.
    await expect.poll(() => findOnReturnsScreen(page), { timeout: 30_000 }).toBe(false);
    expect(await page.getByTestId('return-line').count()).toBe(1);

    // The next sign-in's retention run forgets it (120 days > 90); the server still has it.
    await page.reload();
    await ui.signIn();
    await expect.poll(() => findOnReturnsScreen(page), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId('return-line').count()).toBe(1);
    await page.getByTestId('return-qty-1').fill('1');
    await page.getByTestId('return-submit').click();
    await ui.authorise();
    await page.getByTestId('next-bill').waitFor();
    await expect
      .poll(async () => (await api.bill({ id: sale.id })).returns.map((r) => r.totals.totalMinor))
      .toEqual([2800]);

    await page.getByTestId('next-bill').click();
    await page.context().setOffline(true);
    await findOnReturnsScreen(page);
    const message = page.getByTestId('returns-message');
    expect(await message.textContent()).toContain('connect to the network to return this one');
    await page.context().setOffline(false);
  });
});
