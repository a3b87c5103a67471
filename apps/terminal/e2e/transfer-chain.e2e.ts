import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PROXY_PREFIX } from '../src/serve/sync-proxy';
import {
  adminApi,
  adminStockFigures,
  buildAdminWebInto,
  signInToAdminWeb,
  type AdminWebBuild,
} from './admin-web-views';
import {
  createTestPostgres,
  freePort,
  startSyncServer,
  testPgUrl,
  type SyncServerProcess,
  type TestPostgres,
} from './sync-server-process';
import {
  canRunBrowser,
  DEMO_CASHIER,
  launchChromium,
  releaseRenderer,
  serveTestTerminal,
  TerminalPage,
  type ServedTestTerminal,
} from './terminal-page';

/**
 * Issue 15's acceptance, the whole chain in Chromium: two stores' terminals and the admin web
 * against one real sync server on Postgres. MYS1 asks BLR1 for 10 at its counter; the regional
 * manager approves in the admin web; BLR1 dispatches cut off from the server (its shelf drops at
 * once, the server and the admin web do not move until it reconnects, then show the 10 on the
 * road for both stores); MYS1 counts 8 received and 2 short; the manager resolves 1 found and 1
 * written off in the admin web. After every step both counters, the server's levels (which are the
 * sum of its movements) and the admin web's stock screen show the hand-worked figures, and at the
 * end the transfer is closed everywhere and its movements plus write-offs sum to 0.
 */

const pgUrl = testPgUrl();
const runnable = pgUrl !== undefined && canRunBrowser();

const SOURCE = { code: 'BLR1', id: 'st-blr1' } as const;
const DESTINATION = { code: 'MYS1', id: 'st-mys1' } as const;
/** The regional manager of the South: approves and resolves, and works MYS1's counter (demo PIN). */
const REGIONAL = { username: 'regional.manager', displayName: 'Meera Iyer', pin: '5064' } as const;

/** A quantity as the terminal's stock screen shows it ("1,234"). */
const countOf = (text: string | null) => Number((text ?? '').replace(/[^\d-]/g, ''));

type Pick = { id: string; sku: string; barcode: string };

describe.skipIf(!runnable)('a transfer from request to resolution, terminals and admin web', () => {
  let database: TestPostgres;
  let db: pg.Pool;
  let serverDataDir: string;
  let adminWeb: AdminWebBuild;
  let server: SyncServerProcess;
  let browser: Browser;
  let manager: Page;
  const terminals: ServedTestTerminal[] = [];
  const started = Date.now();

  beforeAll(async () => {
    database = await createTestPostgres(pgUrl ?? '');
    serverDataDir = mkdtempSync(join(tmpdir(), 'kiryana-e2e-transfer-chain-'));
    adminWeb = await buildAdminWebInto();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server = await startSyncServer({
      databaseUrl: database.url,
      dataDir: serverDataDir,
      port,
      // The embedded sign-in sends the browser back to the admin web this server serves.
      env: {
        PUBLIC_URL: url,
        ADMIN_REDIRECT_URIS: `${url}/admin/auth/callback`,
        ADMIN_DIST: adminWeb.distDir,
      },
    });
    db = new pg.Pool({ connectionString: database.url, max: 2 });
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-IN',
    });
    manager = await context.newPage();
    await signInToAdminWeb(manager, server.url, REGIONAL.username);
  }, 240_000);

  afterAll(async () => {
    await browser.close();
    for (const terminal of terminals) await terminal.dispose();
    await db.end();
    await server.stop();
    await database.drop();
    rmSync(serverDataDir, { recursive: true, force: true });
    adminWeb.remove();
    await releaseRenderer();
    console.info(`transfer chain e2e: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  /** A terminal of a store in its own browser context (so one can be cut off alone). */
  async function openTerminal(
    storeId: string,
  ): Promise<{ page: Page; ui: TerminalPage; url: string }> {
    const issued = await adminApi(manager, 'POST', `/v1/admin/stores/${storeId}/enrolment-codes`);
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const terminal = await serveTestTerminal(server.url);
    terminals.push(terminal);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const ui = new TerminalPage(page);
    await page.goto(terminal.url);
    try {
      await ui.enrol((issued.body as { code: string }).code);
    } catch (error) {
      const shown = await page.locator('body').innerText();
      throw new Error(`the terminal of ${storeId} did not enrol; it shows:\n${shown}`, {
        cause: error,
      });
    }
    return { page, ui, url: terminal.url };
  }

  /** The counter's on-hand quantity of a product on the stock screen (F5), found by its SKU. */
  async function onHand(page: Page, product: Pick): Promise<number> {
    if ((await page.getByTestId('stock-screen').count()) === 0) {
      await page.getByTestId('nav-stock').click();
    }
    const filter = page.getByTestId('stock-filter');
    if ((await filter.inputValue()) !== product.sku) await filter.fill(product.sku);
    const row = page.locator(`[data-testid=stock-row][data-product-id="${product.id}"]`);
    if ((await row.count()) === 0) return 0;
    return countOf(await row.getByTestId('stock-on-hand').textContent());
  }

  /** The server's level of a product at a store (the `stock_levels` projection). */
  async function serverLevel(storeId: string, productId: string): Promise<number> {
    const { rows } = await db.query<{ qty: string }>(
      'SELECT qty_base::text AS qty FROM stock_levels WHERE store_id = $1 AND product_id = $2',
      [storeId, productId],
    );
    return Number(rows[0]?.qty ?? 0);
  }

  /** Products of the two stores whose level is not the sum of their movements (none, always). */
  async function levelsOffMovements(): Promise<unknown[]> {
    const { rows } = await db.query<Record<string, string | null>>(
      `WITH moved AS (
         SELECT store_id, product_id, sum(qty_delta_base) AS qty FROM stock_movements
          WHERE store_id = ANY($1) GROUP BY store_id, product_id)
       SELECT coalesce(l.store_id, m.store_id) AS store_id,
              coalesce(l.product_id, m.product_id) AS product_id,
              l.qty_base::text AS level, m.qty::text AS moved
         FROM (SELECT * FROM stock_levels WHERE store_id = ANY($1)) l
         FULL JOIN moved m ON m.store_id = l.store_id AND m.product_id = l.product_id
        WHERE coalesce(l.qty_base, 0) <> coalesce(m.qty, 0)`,
      [[SOURCE.id, DESTINATION.id]],
    );
    return rows;
  }

  const transferRow = (page: Page, transferId: string) =>
    page.locator(`[data-testid=transfer-row][data-transfer-id="${transferId}"]`);

  async function openTransfers(page: Page): Promise<void> {
    await page.getByTestId('nav-transfers').click();
    await page.getByTestId('transfers-screen').waitFor();
  }

  /** Cuts a terminal off from the sync server (through its proxy and directly), or reconnects it. */
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

  it('request, approve, dispatch offline, receive short, resolve: every view follows the movements', async () => {
    // A piece product BLR1 has 20 or more of and MYS1 holds a level of (found by barcode later).
    const { rows: picks } = await db.query<Pick>(
      `SELECT p.id, p.sku, p.barcodes[1] AS barcode FROM products p
         JOIN stock_levels a ON a.store_id = $1 AND a.product_id = p.id AND a.qty_base >= 20
         JOIN stock_levels b ON b.store_id = $2 AND b.product_id = p.id
        WHERE p.unit = 'piece' AND p.active AND NOT p.deleted AND NOT p.sold_loose
          AND cardinality(p.barcodes) > 0
        ORDER BY p.sku LIMIT 1`,
      [SOURCE.id, DESTINATION.id],
    );
    const product = picks[0];
    if (product === undefined) throw new Error('no piece product stocked at BLR1 and MYS1');
    const a0 = await serverLevel(SOURCE.id, product.id);
    const b0 = await serverLevel(DESTINATION.id, product.id);
    expect(await levelsOffMovements()).toEqual([]);

    // The regional manager works MYS1's counter too, so its terminal gets her PIN.
    const { rows: people } = await db.query<{ id: string }>(
      'SELECT id FROM users WHERE username = $1',
      [REGIONAL.username],
    );
    const assigned = await adminApi(
      manager,
      'PUT',
      `/v1/admin/stores/${DESTINATION.id}/counter-staff/${people[0]?.id ?? ''}`,
    );
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);

    const a = await openTerminal(SOURCE.id);
    await a.ui.signIn(DEMO_CASHIER.displayName, DEMO_CASHIER.pin);
    await a.ui.waitForCatalogue();
    const b = await openTerminal(DESTINATION.id);
    await b.ui.signIn(REGIONAL.displayName, REGIONAL.pin);
    await b.ui.waitForCatalogue();

    let transferId = '';
    /**
     * Every view against the hand arithmetic: both counters, the server's levels (and that every
     * level of both stores is the sum of its movements), and the admin web's stock screen for
     * each store (level and this transfer's units on the road).
     */
    const expectEverywhere = async (
      step: string,
      want: { a: number; b: number; serverA?: number; inTransit: number },
    ) => {
      const serverA = want.serverA ?? want.a;
      const within = { timeout: 60_000 };
      await expect
        .poll(() => onHand(a.page, product), { ...within, message: `${step}: BLR1 counter` })
        .toBe(want.a);
      await expect
        .poll(() => onHand(b.page, product), { ...within, message: `${step}: MYS1 counter` })
        .toBe(want.b);
      await expect
        .poll(() => serverLevel(SOURCE.id, product.id), {
          ...within,
          message: `${step}: BLR1 server`,
        })
        .toBe(serverA);
      await expect
        .poll(() => serverLevel(DESTINATION.id, product.id), {
          ...within,
          message: `${step}: MYS1 server`,
        })
        .toBe(want.b);
      expect(await levelsOffMovements(), `${step}: levels = Σ movements`).toEqual([]);
      for (const [storeId, level] of [
        [SOURCE.id, serverA],
        [DESTINATION.id, want.b],
      ] as const) {
        await expect
          .poll(
            async () => {
              const shown = await adminStockFigures(manager, server.url, {
                storeId,
                sku: product.sku,
                transferId,
              });
              return { level: shown.level, inTransit: shown.inTransit };
            },
            { timeout: 30_000, message: `${step}: admin web stock of ${storeId}` },
          )
          .toEqual({ level, inTransit: want.inTransit });
      }
    };
    await expectEverywhere('before', { a: a0, b: b0, inTransit: 0 });

    // 1. MYS1 asks BLR1 for 10 at its counter (the product found by its barcode, as a scan would).
    await openTransfers(b.page);
    await b.page.getByTestId('transfers-tab-request').click();
    const from = b.page.getByTestId('request-from-store');
    if ((await b.page.locator('select[data-testid=request-from-store]').count()) > 0) {
      await from.selectOption(SOURCE.id);
    } else {
      await from.fill(SOURCE.id);
    }
    await b.page.getByTestId('request-product').fill(product.barcode);
    await b.page.getByTestId('request-product').press('Enter');
    await b.page.getByTestId('request-qty-0').fill('10');
    await b.page.getByTestId('request-save').click();
    const requested = b.page.locator('[data-testid=transfer-row][data-direction=incoming]');
    await requested.waitFor();
    transferId = (await requested.getAttribute('data-transfer-id')) ?? '';
    expect(transferId).not.toBe('');
    await b.ui.waitForUnsynced(0);
    await expectEverywhere('requested', { a: a0, b: b0, inTransit: 0 });

    // 2. The regional manager approves it in the admin web, as requested.
    await manager.goto(`${server.url}/admin/transfers/${transferId}`);
    const status = manager.getByTestId('transfer-status');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Requested');
    await manager.getByRole('button', { name: 'Approve', exact: true }).click();
    await manager.getByRole('button', { name: 'Approve transfer' }).click();
    await expect.poll(() => status.textContent()).toBe('Approved');
    await expectEverywhere('approved', { a: a0, b: b0, inTransit: 0 });

    // 3. BLR1 sees it approved and dispatches all 10 while cut off from the server.
    await openTransfers(a.page);
    await expect
      .poll(() => transferRow(a.page, transferId).getAttribute('data-status'), { timeout: 60_000 })
      .toBe('approved');
    await cutOff(a, true);
    await transferRow(a.page, transferId).getByTestId('transfer-dispatch').click();
    expect(await a.page.getByTestId(`dispatch-qty-${product.id}`).inputValue()).toBe('10');
    await a.page.getByTestId('dispatch-save').click();
    await a.page.getByTestId('transfers-list').waitFor();
    await expect
      .poll(() => transferRow(a.page, transferId).getAttribute('data-status'))
      .toBe('in_transit');
    await a.ui.waitForUnsynced(1);
    // Off BLR1's shelf at once; the server and the admin web have not heard of it.
    await expectEverywhere('dispatched offline', { a: a0 - 10, serverA: a0, b: b0, inTransit: 0 });
    // Nor have MYS1's counter or the admin web's transfer: still approved, not on the road.
    await openTransfers(b.page);
    expect(await transferRow(b.page, transferId).getAttribute('data-status')).toBe('approved');
    await manager.goto(`${server.url}/admin/transfers/${transferId}`);
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Approved');
    expect(await a.ui.unsyncedCount()).toBe(1);

    // Back online: the dispatch goes up once; the 10 are on the road for both stores.
    await cutOff(a, false);
    await a.ui.waitForUnsynced(0);
    await expect.poll(() => serverLevel(SOURCE.id, product.id), { timeout: 60_000 }).toBe(a0 - 10);
    await expectEverywhere('dispatch uploaded', { a: a0 - 10, b: b0, inTransit: 10 });
    await manager.goto(`${server.url}/admin/transfers/${transferId}`);
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('In transit');
    for (const [storeId, direction] of [
      [SOURCE.id, 'Left this store'],
      [DESTINATION.id, 'Arriving here'],
    ] as const) {
      const shown = await adminStockFigures(manager, server.url, {
        storeId,
        sku: product.sku,
        transferId,
      });
      expect(shown.directions).toEqual([direction]);
    }

    // 4. MYS1 counts 8 received and 2 short.
    await openTransfers(b.page);
    await expect
      .poll(() => transferRow(b.page, transferId).getAttribute('data-status'), { timeout: 60_000 })
      .toBe('in_transit');
    await transferRow(b.page, transferId).getByTestId('transfer-receive').click();
    await b.page.getByTestId(`transfer-received-${product.id}`).fill('8');
    await b.page.getByTestId(`transfer-short-${product.id}`).fill('2');
    await b.page.getByTestId('transfer-receive-save').click();
    await expect
      .poll(() => transferRow(b.page, transferId).getAttribute('data-status'))
      .toBe('discrepancy');
    await b.ui.waitForUnsynced(0);
    await expect
      .poll(() => serverLevel(DESTINATION.id, product.id), { timeout: 60_000 })
      .toBe(b0 + 8);
    // The 2 short are still unaccounted for: on the road until a manager resolves them.
    await expectEverywhere('received short', { a: a0 - 10, b: b0 + 8, inTransit: 2 });

    // 5. The manager resolves it in the admin web: 1 found (onto MYS1's shelf), 1 written off.
    await manager.goto(`${server.url}/admin/transfers/${transferId}`);
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Discrepancy');
    await manager.getByRole('button', { name: 'Resolve discrepancy' }).click();
    await manager.getByLabel('Found (onto the shelf)').fill('1');
    await manager.getByLabel('Write off').fill('1');
    await manager.locator('#resolve-reason').selectOption('lost_in_transit');
    await manager.getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect.poll(() => status.textContent()).toBe('Closed');
    await expect
      .poll(() => serverLevel(DESTINATION.id, product.id), { timeout: 60_000 })
      .toBe(b0 + 9);
    await expectEverywhere('resolved', { a: a0 - 10, b: b0 + 9, inTransit: 0 });

    // Closed everywhere: both counters, the server's rows for both stores, the admin API.
    for (const page of [a.page, b.page]) {
      await openTransfers(page);
      await expect
        .poll(() => transferRow(page, transferId).getAttribute('data-status'), { timeout: 60_000 })
        .toBe('closed');
    }
    const { rows: documents } = await db.query<{ store_id: string; status: string }>(
      `SELECT store_id, status FROM workflow_documents
        WHERE kind = 'transfer' AND doc_id = $1 ORDER BY store_id`,
      [transferId],
    );
    expect(documents).toEqual([
      { store_id: SOURCE.id, status: 'closed' },
      { store_id: DESTINATION.id, status: 'closed' },
    ]);
    const detail = await adminApi(manager, 'GET', `/v1/admin/transfers/${transferId}`);
    expect((detail.body as { status: string }).status).toBe('closed');

    // What left BLR1 (−10) = what reached MYS1 (8 + 1 found) + what was written off (1).
    const { rows: moved } = await db.query<{ store_id: string; kind: string; qty: string }>(
      `SELECT store_id, kind, sum(qty_delta_base)::text AS qty FROM stock_movements
        WHERE doc->>'refId' = $1 GROUP BY store_id, kind ORDER BY store_id, kind`,
      [transferId],
    );
    expect(moved).toEqual([
      { store_id: SOURCE.id, kind: 'transfer_out', qty: '-10' },
      { store_id: DESTINATION.id, kind: 'transfer_in', qty: '9' },
    ]);
    const { rows: writtenOff } = await db.query<{ qty: string; reason: string }>(
      `SELECT sum(qty_base)::text AS qty, min(reason) AS reason FROM transfer_write_offs
        WHERE transfer_id = $1`,
      [transferId],
    );
    expect(writtenOff).toEqual([{ qty: '1', reason: 'lost_in_transit' }]);
    expect(moved.reduce((sum, m) => sum + Number(m.qty), 0) + Number(writtenOff[0]?.qty)).toBe(0);
  }, 300_000);
});
