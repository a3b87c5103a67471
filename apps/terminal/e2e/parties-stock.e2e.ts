import { randomUUID } from 'node:crypto';
import { unitCostPerBase } from '@kiryana/shared';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAccessToken } from '../test/sync/admin-token';
import { loadPicks } from './catalogue-picks';
import { createServerReader } from './server-reader';
import { startServerStack, type ServerStack } from './server-stack';
import { testPgUrl } from './sync-server-process';
import {
  canRunBrowser,
  DEMO_CASHIER,
  serveTestTerminal,
  TerminalPage,
  type ServedTestTerminal,
} from './terminal-page';

/**
 * The store's suppliers and stock in transit at BLR1's counter, in Chromium against a real sync
 * server (issue 15): the receipt without a PO offers exactly the suppliers linked to BLR1, a picked
 * one shows its GSTIN and terms and starts a line from its last cost; a transfer HQ asks of BLR1
 * and BLR1 dispatches shows on the Stock screen as going out, off the shelf and not yet arrived;
 * the receipt form of a PO from that supplier shows its name, GSTIN and payment terms.
 */

const pgUrl = testPgUrl();
const runnable = pgUrl !== undefined && canRunBrowser();
const BLR1 = { code: 'BLR1', id: 'st-blr1' } as const;
const MYS1 = { id: 'st-mys1' } as const;

type SupplierRow = {
  id: string;
  name: string;
  gstin: string | null;
  payment_terms_days: number;
  product_id: string;
  base_units_per_order_unit: number;
  last_cost: string;
};

describe.skipIf(!runnable)('suppliers and in-transit stock at the counter, in Chromium', () => {
  let stack: ServerStack;
  let terminal: ServedTestTerminal | undefined;

  beforeAll(async () => {
    stack = await startServerStack(pgUrl ?? '', 'parties');
  }, 180_000);

  afterAll(async () => {
    await terminal?.dispose();
    await stack.stop();
  });

  const sql = async <T extends object>(text: string, params: unknown[]): Promise<T[]> => {
    const client = new pg.Client({ connectionString: stack.database.url });
    await client.connect();
    try {
      return (await client.query<T>(text, params)).rows;
    } finally {
      await client.end();
    }
  };

  async function openStock(page: Page): Promise<void> {
    await page.getByTestId('nav-stock').click();
    await page.getByTestId('stock-screen').waitFor();
  }

  it('offers the linked suppliers at a receipt, shows a dispatched transfer going out and the PO supplier at its receipt', async () => {
    // The suppliers linked to BLR1 and, for one with a GSTIN, a packaged product it last priced.
    const linked = await sql<{ name: string }>(
      `SELECT s.name FROM suppliers s JOIN supplier_stores ss ON ss.supplier_id = s.id
        WHERE ss.store_id = $1 AND s.active`,
      [BLR1.id],
    );
    const notLinked = await sql<{ name: string }>(
      `SELECT name FROM suppliers WHERE id NOT IN
         (SELECT supplier_id FROM supplier_stores WHERE store_id = $1)`,
      [BLR1.id],
    );
    expect(linked.length).toBeGreaterThan(0);
    expect(notLinked.length).toBeGreaterThan(0);
    const reader = await createServerReader(stack.server.url, await stack.enrolmentCode(BLR1.code));
    const picks = await loadPicks(reader, new Date());
    const catalogue = new Map((await reader.products()).map((p) => [p.id, p]));
    const lines = await sql<SupplierRow>(
      `SELECT s.id, s.name, s.gstin, s.payment_terms_days, sp.product_id,
              sp.base_units_per_order_unit, sp.last_cost_minor_per_order_unit::text AS last_cost
         FROM suppliers s JOIN supplier_stores ss ON ss.supplier_id = s.id
         JOIN supplier_products sp ON sp.supplier_id = s.id
        WHERE ss.store_id = $1 AND s.active AND s.gstin IS NOT NULL
          AND sp.last_cost_minor_per_order_unit IS NOT NULL
        ORDER BY s.name DESC, sp.product_id`,
      [BLR1.id],
    );
    const line = lines.find((l) => catalogue.has(l.product_id));
    if (line === undefined) throw new Error('no supplier of BLR1 with a priced product');
    const product = catalogue.get(line.product_id);
    const levelOf = (productId: string) => picks.levelOf.get(productId) ?? 0;
    const moved = picks.packaged.find(
      (p) => p.product.unit === 'piece' && levelOf(p.product.id) >= 20,
    );
    if (product === undefined || moved === undefined) throw new Error('no products to use');

    terminal = await serveTestTerminal(stack.server.url);
    const context = await stack.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const ui = new TerminalPage(page);
    await page.goto(terminal.url);
    await ui.enrol(await stack.enrolmentCode(BLR1.code));
    await ui.signIn(DEMO_CASHIER.displayName, DEMO_CASHIER.pin);
    await ui.waitForCatalogue();

    // The receipt without a PO lists exactly BLR1's suppliers.
    await openStock(page);
    await page.getByTestId('stock-tab-receive').click();
    const options = page.locator('[data-testid=receive-supplier-list] option');
    await expect.poll(() => options.count(), { timeout: 60_000 }).toBe(linked.length);
    const offered: string[] = [];
    for (let i = 0; i < linked.length; i += 1) {
      offered.push((await options.nth(i).getAttribute('value')) ?? '');
    }
    expect([...offered].sort()).toEqual(linked.map((s) => s.name).sort());
    for (const other of notLinked) expect(offered).not.toContain(other.name);

    // A local seller's name is taken as typed, without details.
    await page.getByTestId('receive-supplier').fill('Raju Wholesale (cash)');
    expect(await page.getByTestId('receive-supplier-known').count()).toBe(0);
    // Picking a listed one shows its GSTIN and terms; a line starts from its last cost.
    await page.getByTestId('receive-supplier').fill(line.name);
    const known = page.getByTestId('receive-supplier-known');
    await known.waitFor();
    expect(await known.getAttribute('data-party-id')).toBe(line.id);
    expect(await known.textContent()).toContain(line.gstin ?? '');
    // By barcode, or by SKU for goods sold loose (no barcode of their own).
    await page.getByTestId('receive-product').fill(product.barcodes[0] ?? product.sku);
    await page.getByTestId('receive-product').press('Enter');
    // Per piece, or per kg of goods sold loose: the pack's price over the pack size, half up.
    const perBasis = unitCostPerBase(
      Number(line.last_cost) * product.priceBasisQty,
      line.base_units_per_order_unit,
    );
    expect(await page.getByTestId('receive-line').first().textContent()).toContain(product.nameEn);
    expect(await page.getByTestId('receive-cost-0').inputValue()).toBe(
      `${String(Math.floor(perBasis / 100))}.${String(perBasis % 100).padStart(2, '0')}`,
    );

    // HQ asks BLR1 to send 10 to MYS1 and approves; BLR1 dispatches at the counter.
    const hq = await adminAccessToken(stack.server.url, 'hq.admin', 'kiryana-demo');
    const transferId = randomUUID();
    const post = (path: string, body: object) =>
      fetch(`${stack.server.url}/v1/admin/transfers${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${hq}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const requested = await post('', {
      factId: randomUUID(),
      transferId,
      fromStoreId: BLR1.id,
      toStoreId: MYS1.id,
      lines: [{ productId: moved.product.id, qtyBase: 10 }],
    });
    expect(requested.status, await requested.clone().text()).toBe(201);
    const approved = await post(`/${transferId}/approve`, { factId: randomUUID(), lines: null });
    expect(approved.status, await approved.clone().text()).toBe(200);

    await page.getByTestId('nav-transfers').click();
    const row = page.locator(`[data-testid=transfer-row][data-transfer-id="${transferId}"]`);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000 }).toBe('approved');
    await row.getByTestId('transfer-dispatch').click();
    await page.getByTestId('dispatch-save').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('in_transit');

    // On the Stock screen: 10 going out, nothing coming in.
    await openStock(page);
    await page.getByTestId('stock-filter').fill(moved.product.sku);
    const stockRow = page.locator(`[data-testid=stock-row][data-product-id="${moved.product.id}"]`);
    await expect
      .poll(() => stockRow.getByTestId('stock-outgoing').getAttribute('data-qty'))
      .toBe('10');
    expect(await stockRow.getByTestId('stock-incoming').getAttribute('data-qty')).toBe('0');

    // A PO HQ sends BLR1 from that supplier: its receipt form shows the supplier's GSTIN and terms.
    const poId = randomUUID();
    const po = (path: string, body: object) =>
      fetch(`${stack.server.url}/v1/admin/purchase-orders${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${hq}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = await po('', {
      factId: randomUUID(),
      poId,
      storeId: BLR1.id,
      supplierId: line.id,
      lines: [
        {
          productId: line.product_id,
          orderUnitName: 'pack',
          baseUnitsPerOrderUnit: line.base_units_per_order_unit,
          orderedQtyOrderUnits: 1,
          costMinorPerOrderUnit: Number(line.last_cost),
        },
      ],
    });
    expect(created.status, await created.clone().text()).toBe(201);
    for (const step of ['approve', 'send']) {
      const answer = await po(`/${poId}/${step}`, { factId: randomUUID() });
      expect(answer.status, await answer.clone().text()).toBe(200);
    }
    await page.getByTestId('nav-goodsReceipt').click();
    const poRow = page.locator(`[data-testid=po-row][data-po-id="${poId}"]`);
    await poRow.waitFor({ timeout: 60_000 });
    await poRow.getByTestId('po-open').click();
    await page.getByTestId('gr-form').waitFor();
    expect(await page.getByTestId('gr-supplier-name').textContent()).toBe(line.name);
    expect(await page.getByTestId('gr-supplier-gstin').textContent()).toBe(line.gstin);
    expect(await page.getByTestId('gr-supplier-terms').getAttribute('data-days')).toBe(
      String(line.payment_terms_days),
    );
    expect(await page.getByTestId('gr-supplier-terms').textContent()).toBe(
      `${String(line.payment_terms_days)} days`,
    );
    await context.close();
  });
});
