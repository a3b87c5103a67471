import { randomUUID } from 'node:crypto';
import { unitCostPerBase } from '@kiryana/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PROXY_PREFIX } from '../src/serve/sync-proxy';
import { adminAccessToken } from '../test/sync/admin-token';
import { loadPicks } from './catalogue-picks';
import { createServerReader, type ServerReader } from './server-reader';
import { startServerStack, type ServerStack } from './server-stack';
import { testPgUrl, type SyncServerProcess } from './sync-server-process';
import {
  canRunBrowser,
  DEMO_CASHIER,
  serveTestTerminal,
  TerminalPage,
  type ServedTestTerminal,
} from './terminal-page';

/**
 * A transfer between two stores' terminals against one real sync server (issue 15): MYS1 asks
 * BLR1 for stock, the regional manager approves it through the admin API, BLR1 dispatches while
 * offline (its shelf drops at once), reconnects and uploads, MYS1 counts what arrived with a
 * shortage. At every step each counter's stock equals the server's level plus its own pending
 * movements, and the server's levels follow the movements. And a goods receipt against a PO HQ
 * sent to BLR1: counted in packs at the PO line's cost, over-delivery refused for a cashier.
 */

const pgUrl = testPgUrl();
const runnable = pgUrl !== undefined && canRunBrowser();

const SOURCE = { code: 'BLR1', id: 'st-blr1' } as const;
const DESTINATION = { code: 'MYS1', id: 'st-mys1' } as const;
/** The regional manager of the South, who has a demo PIN and may approve within the region. */
const REGIONAL = { username: 'regional.manager', displayName: 'Meera Iyer', pin: '5064' } as const;
const PASSWORD = 'kiryana-demo';

/** A quantity as the stock screen shows a count ("1,234"). */
const countOf = (text: string | null) => Number((text ?? '').replace(/[^\d-]/g, ''));

describe.skipIf(!runnable)('a transfer between two stores’ terminals, in Chromium', () => {
  let stack: ServerStack;
  let server: SyncServerProcess;
  let browser: Browser;
  const terminals: ServedTestTerminal[] = [];

  const code = (storeCode: string) => stack.enrolmentCode(storeCode);

  beforeAll(async () => {
    stack = await startServerStack(pgUrl ?? '', 'transfers');
    ({ server, browser } = stack);
  }, 180_000);

  afterAll(async () => {
    for (const terminal of terminals) await terminal.dispose();
    await stack.stop();
  });

  /** A terminal of a store in its own browser context (so one can go offline alone). */
  async function openTerminal(
    storeCode: string,
  ): Promise<{ page: Page; ui: TerminalPage; url: string }> {
    const terminal = await serveTestTerminal(server.url);
    terminals.push(terminal);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const ui = new TerminalPage(page);
    await page.goto(terminal.url);
    await ui.enrol(await code(storeCode));
    return { page, ui, url: terminal.url };
  }

  /** The counter's on-hand quantity of a product on the stock screen (F5), found by its SKU. */
  async function onHand(page: Page, productId: string, sku: string): Promise<number> {
    if ((await page.getByTestId('stock-screen').count()) === 0) {
      await page.getByTestId('nav-stock').click();
    }
    const filter = page.getByTestId('stock-filter');
    if ((await filter.inputValue()) !== sku) await filter.fill(sku);
    const row = page.locator(`[data-testid=stock-row][data-product-id="${productId}"]`);
    if ((await row.count()) === 0) return 0;
    return countOf(await row.getByTestId('stock-on-hand').textContent());
  }

  async function serverLevel(reader: ServerReader, productId: string): Promise<number> {
    const levels = await reader.levels();
    return levels.find((level) => level.productId === productId)?.qtyBase ?? 0;
  }

  /**
   * Cuts a terminal off from the sync server, or connects it again: every request to it fails as
   * with no network, through the serve process's proxy and directly.
   */
  async function cutOff(terminal: { page: Page; url: string }, off: boolean): Promise<void> {
    const patterns = [`${new URL(SYNC_PROXY_PREFIX, terminal.url).href}/**`, `${server.url}/**`];
    for (const pattern of patterns) {
      if (off) {
        await terminal.page
          .context()
          .route(pattern, (route) => route.abort('internetdisconnected'));
      } else {
        await terminal.page.context().unroute(pattern);
      }
    }
  }

  const transferRow = (page: Page, transferId: string) =>
    page.locator(`[data-testid=transfer-row][data-transfer-id="${transferId}"]`);

  async function openTransfers(page: Page): Promise<void> {
    await page.getByTestId('nav-transfers').click();
    await page.getByTestId('transfers-screen').waitFor();
  }

  it('requests, approves, dispatches offline, uploads and receives with a shortage; stock matches movements on both counters', async () => {
    // The regional manager works MYS1's counter too, so its terminal gets her PIN.
    const hq = await adminAccessToken(server.url, 'hq.admin', PASSWORD);
    const users = (await (
      await fetch(`${server.url}/v1/users`, { headers: { authorization: `Bearer ${hq}` } })
    ).json()) as { id: string; username: string }[];
    const regional = users.find((user) => user.username === REGIONAL.username);
    if (regional === undefined) throw new Error('no regional manager');
    const assigned = await fetch(
      `${server.url}/v1/admin/stores/${DESTINATION.id}/counter-staff/${regional.id}`,
      { method: 'PUT', headers: { authorization: `Bearer ${hq}` } },
    );
    expect(assigned.status).toBe(200);

    const readerA = await createServerReader(server.url, await code(SOURCE.code));
    const readerB = await createServerReader(server.url, await code(DESTINATION.code));
    const picks = await loadPicks(readerA, new Date());
    const pick = picks.packaged.find(
      (p) => p.product.unit === 'piece' && (picks.levelOf.get(p.product.id) ?? 0) >= 20,
    );
    if (pick === undefined) throw new Error('no product with stock at BLR1');
    const productId = pick.product.id;
    const sku = pick.product.sku;
    const levelA = await serverLevel(readerA, productId);
    const levelB = await serverLevel(readerB, productId);

    const a = await openTerminal(SOURCE.code);
    await a.ui.signIn(DEMO_CASHIER.displayName, DEMO_CASHIER.pin);
    await a.ui.waitForCatalogue();
    const b = await openTerminal(DESTINATION.code);
    await b.ui.signIn(REGIONAL.displayName, REGIONAL.pin);
    await b.ui.waitForCatalogue();
    await expect.poll(() => onHand(a.page, productId, sku)).toBe(levelA);
    await expect.poll(() => onHand(b.page, productId, sku)).toBe(levelB);

    // MYS1 asks BLR1 for 10 (the product found by its barcode, as a scan would).
    await openTransfers(b.page);
    await b.page.getByTestId('transfers-tab-request').click();
    const from = b.page.getByTestId('request-from-store');
    const isSelect = (await b.page.locator('select[data-testid=request-from-store]').count()) > 0;
    if (isSelect) await from.selectOption(SOURCE.id);
    else await from.fill(SOURCE.id);
    await b.page.getByTestId('request-product').fill(pick.product.barcodes[0] ?? '');
    await b.page.getByTestId('request-product').press('Enter');
    await b.page.getByTestId('request-qty-0').fill('10');
    await b.page.getByTestId('request-save').click();
    const requested = b.page.locator('[data-testid=transfer-row][data-direction=incoming]');
    await requested.waitFor();
    const transferId = (await requested.getAttribute('data-transfer-id')) ?? '';
    expect(await requested.getAttribute('data-status')).toBe('requested');
    await b.ui.waitForUnsynced(0);

    // The regional manager approves it in the admin API.
    const manager = await adminAccessToken(server.url, REGIONAL.username, PASSWORD);
    const approved = await fetch(`${server.url}/v1/admin/transfers/${transferId}/approve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json' },
      body: JSON.stringify({ factId: randomUUID(), lines: null }),
    });
    expect(approved.status, await approved.clone().text()).toBe(200);

    // BLR1 sees it approved, goes offline and dispatches everything (the default).
    await openTransfers(a.page);
    await expect
      .poll(() => transferRow(a.page, transferId).getAttribute('data-status'), { timeout: 60_000 })
      .toBe('approved');
    // Offline from the server only: Chromium's own offline mode would cut the page off from its
    // local storage host as well (a websocket on loopback), which a real terminal never loses.
    await cutOff(a, true);
    await transferRow(a.page, transferId).getByTestId('transfer-dispatch').click();
    expect(await a.page.getByTestId(`dispatch-qty-${productId}`).inputValue()).toBe('10');
    await a.page.getByTestId('dispatch-save').click();
    await a.page.getByTestId('transfers-list').waitFor();
    await expect
      .poll(() => transferRow(a.page, transferId).getAttribute('data-status'))
      .toBe('in_transit');
    expect(await transferRow(a.page, transferId).getByTestId('transfer-pending').count()).toBe(1);
    await a.ui.waitForUnsynced(1);
    // Off the shelf at once, offline; the server has not heard of it.
    await expect.poll(() => onHand(a.page, productId, sku)).toBe(levelA - 10);
    expect(await serverLevel(readerA, productId)).toBe(levelA);

    // Back online: the dispatch goes up once, and the counter does not count it twice.
    await cutOff(a, false);
    await a.ui.waitForUnsynced(0);
    await expect.poll(() => serverLevel(readerA, productId), { timeout: 60_000 }).toBe(levelA - 10);
    await expect.poll(() => onHand(a.page, productId, sku), { timeout: 60_000 }).toBe(levelA - 10);

    // MYS1 counts 8 received and 2 short.
    await openTransfers(b.page);
    await expect
      .poll(() => transferRow(b.page, transferId).getAttribute('data-status'), { timeout: 60_000 })
      .toBe('in_transit');
    await transferRow(b.page, transferId).getByTestId('transfer-receive').click();
    expect(await b.page.getByTestId(`transfer-received-${productId}`).inputValue()).toBe('10');
    await b.page.getByTestId(`transfer-received-${productId}`).fill('8');
    await b.page.getByTestId(`transfer-short-${productId}`).fill('2');
    await b.page.getByTestId('transfer-receive-save').click();
    await expect
      .poll(() => transferRow(b.page, transferId).getAttribute('data-status'))
      .toBe('discrepancy');
    await expect.poll(() => onHand(b.page, productId, sku)).toBe(levelB + 8);
    await b.ui.waitForUnsynced(0);
    await expect.poll(() => serverLevel(readerB, productId), { timeout: 60_000 }).toBe(levelB + 8);
    await expect.poll(() => onHand(b.page, productId, sku), { timeout: 60_000 }).toBe(levelB + 8);

    // Both stores' copies agree; the source's shelf is untouched by the shortage.
    await openTransfers(a.page);
    await expect
      .poll(() => transferRow(a.page, transferId).getAttribute('data-status'), { timeout: 60_000 })
      .toBe('discrepancy');
    expect(await onHand(a.page, productId, sku)).toBe(levelA - 10);
    expect(await serverLevel(readerA, productId)).toBe(levelA - 10);
  }, 600_000);

  it('receives a delivery against a sent PO at the counter: packs to pieces, cost from the PO line, over-delivery refused for a cashier', async () => {
    const hq = await adminAccessToken(server.url, 'hq.admin', PASSWORD);
    const admin = async (path: string, body: unknown) => {
      const response = await fetch(`${server.url}/v1/admin${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${hq}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status, await response.clone().text()).toBeLessThan(300);
    };
    const reader = await createServerReader(server.url, await code(SOURCE.code));
    const picks = await loadPicks(reader, new Date());
    const suppliers = (await (
      await fetch(`${server.url}/v1/admin/suppliers?storeId=${SOURCE.id}`, {
        headers: { authorization: `Bearer ${hq}` },
      })
    ).json()) as {
      suppliers: {
        supplierId: string;
        products: { productId: string; orderUnitName: string; baseUnitsPerOrderUnit: number }[];
      }[];
    };
    const piece = new Map(
      picks.packaged.filter((p) => p.product.unit === 'piece').map((p) => [p.product.id, p]),
    );
    // A pack the supplier sells of a stocked piece product, else a case of 12 of one.
    const [supplier] = suppliers.suppliers;
    const [anyPiece] = piece.values();
    if (supplier === undefined || anyPiece === undefined) throw new Error('no supplier or product');
    const offer = suppliers.suppliers
      .flatMap((s) => s.products.map((product) => ({ supplier: s, product })))
      .find(({ product }) => piece.has(product.productId) && product.baseUnitsPerOrderUnit > 1) ?? {
      supplier,
      product: { productId: anyPiece.product.id, orderUnitName: 'case', baseUnitsPerOrderUnit: 12 },
    };
    const { productId, baseUnitsPerOrderUnit: pack, orderUnitName } = offer.product;
    const barcode = piece.get(productId)?.product.barcodes[0] ?? '';
    const sku = piece.get(productId)?.product.sku ?? '';
    // Two packs at a case price that does not divide by the pack: the per-piece cost rounds.
    const costPerPack = pack * 1000 + 1;
    const poId = randomUUID();
    await admin('/purchase-orders', {
      factId: randomUUID(),
      poId,
      storeId: SOURCE.id,
      supplierId: offer.supplier.supplierId,
      lines: [
        {
          productId,
          orderUnitName,
          baseUnitsPerOrderUnit: pack,
          orderedQtyOrderUnits: 2,
          costMinorPerOrderUnit: costPerPack,
        },
      ],
    });
    await admin(`/purchase-orders/${poId}/approve`, { factId: randomUUID() });
    await admin(`/purchase-orders/${poId}/send`, { factId: randomUUID() });
    const level = await serverLevel(reader, productId);

    const a = await openTerminal(SOURCE.code);
    await a.ui.signIn(DEMO_CASHIER.displayName, DEMO_CASHIER.pin);
    await a.ui.waitForCatalogue();
    await a.page.getByTestId('nav-goodsReceipt').click();
    const row = a.page.locator(`[data-testid=po-row][data-po-id="${poId}"]`);
    await row.waitFor({ timeout: 60_000 });
    expect(await row.getAttribute('data-status')).toBe('sent');
    await row.getByTestId('po-open').click();

    // The cost per piece is the pack's cost ÷ pack size, rounded half up (₹10.00 or ₹10.01).
    const perPiece = unitCostPerBase(costPerPack, pack);
    expect(perPiece).toBe(pack === 2 ? 1001 : 1000);
    expect(await a.page.getByTestId(`gr-cost-${productId}`).inputValue()).toBe(
      `10.0${perPiece - 1000}`,
    );
    await a.page.getByTestId('gr-invoice-no').fill('SUP/778');
    // Three packs of two ordered: refused for a cashier, nothing recorded.
    await a.page.getByTestId(`gr-qty-${productId}`).fill('3');
    await expect.poll(() => a.page.getByTestId(`gr-line`).getAttribute('class')).toBe('over');
    await a.page.getByTestId('gr-save').click();
    await expect
      .poll(() => a.page.getByTestId('gr-message').textContent())
      .toContain('only a manager');
    expect(await a.ui.unsyncedCount()).toBe(0);

    // One pack scanned (a scan counts one more of the line's unit), with batch and expiry.
    await a.page.getByTestId(`gr-qty-${productId}`).fill('');
    await a.page.getByTestId('gr-scan').fill(barcode);
    await a.page.getByTestId('gr-scan').press('Enter');
    expect(await a.page.getByTestId(`gr-qty-${productId}`).inputValue()).toBe('1');
    await a.page.getByTestId(`gr-batch-${productId}`).fill('B-42');
    await a.page.getByTestId(`gr-expiry-${productId}`).fill('2027-06-30');
    expect(await a.page.getByTestId('gr-line').getAttribute('class')).toBe('under');
    await a.page.getByTestId('gr-save').click();
    await a.page.getByTestId('po-list').waitFor();
    await expect.poll(() => row.getAttribute('data-status')).toBe('partly_received');
    await expect.poll(() => onHand(a.page, productId, sku)).toBe(level + pack);
    await a.ui.waitForUnsynced(0);
    await expect.poll(() => serverLevel(reader, productId), { timeout: 60_000 }).toBe(level + pack);
    await expect.poll(() => onHand(a.page, productId, sku), { timeout: 60_000 }).toBe(level + pack);
    const detail = (await (
      await fetch(`${server.url}/v1/admin/purchase-orders/${poId}`, {
        headers: { authorization: `Bearer ${hq}` },
      })
    ).json()) as { status: string; purchaseOrder: { lines: { receivedQtyBase: number }[] } };
    expect(detail.status).toBe('partly_received');
    expect(detail.purchaseOrder.lines[0]?.receivedQtyBase).toBe(pack);
  }, 600_000);
});
