import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { build } from 'vite';

/**
 * The admin web as the terminal suites see it: built once into a folder of this process's own
 * (the server is pointed at it with ADMIN_DIST, so another suite rebuilding apps/admin-web/dist
 * cannot pull the files from under an open page), and its stock screen read as a person reads it.
 */

const ADMIN_APP_DIR = fileURLToPath(new URL('../../admin-web/', import.meta.url));

/** A built admin web and how to remove it. */
export type AdminWebBuild = { readonly distDir: string; remove(): void };

/** Builds the admin web (vite build with its own config, base /admin/) into a temporary folder. */
export async function buildAdminWebInto(): Promise<AdminWebBuild> {
  const distDir = mkdtempSync(join(tmpdir(), 'kiryana-admin-web-'));
  await build({
    root: ADMIN_APP_DIR,
    configFile: join(ADMIN_APP_DIR, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir: distDir, emptyOutDir: true },
  });
  return {
    distDir,
    remove: () => {
      rmSync(distDir, { recursive: true, force: true });
    },
  };
}

/** A count as the admin web shows it ("1,234 pcs"). */
const countOf = (text: string | null) => Number((text ?? '').replace(/[^\d-]/g, ''));

/** What the admin web's stock screen says of one product at one store. */
type AdminStockFigures = {
  /** Stock on hand (the stock table's row). */
  readonly level: number;
  /** Units of one transfer on the road to or from the store (the in-transit panel). */
  readonly inTransit: number;
  /** The directions the panel shows for that transfer ("Left this store", "Arriving here"). */
  readonly directions: readonly string[];
};

/**
 * Opens the stock screen afresh (a new load, so nothing cached is shown), picks the store, searches
 * the SKU and reads the product's level and the transfer's units in transit.
 */
export async function adminStockFigures(
  page: Page,
  baseUrl: string,
  query: { storeId: string; sku: string; transferId: string },
): Promise<AdminStockFigures> {
  await page.goto(`${baseUrl}/admin/stock`);
  await page.locator('#stock-store').selectOption(query.storeId);
  await page.locator('#stock-search').fill(query.sku);
  const row = page
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: query.sku, exact: true }) });
  await row.first().waitFor();
  const level = countOf(await row.first().getByRole('cell').nth(2).textContent());

  const panel = page.getByTestId('in-transit');
  // Loaded when the panel shows rows or says nothing is on the road (not while it is loading).
  await panel
    .locator('tbody tr')
    .or(panel.getByText('Nothing on the road to or from this store.'))
    .first()
    .waitFor();
  const rows = panel.locator(`tbody tr:has(a[href*="${query.transferId}"])`);
  let inTransit = 0;
  const directions: string[] = [];
  for (const cells of await rows.all()) {
    const texts = await cells.locator('td').allTextContents();
    directions.push(texts[2] ?? '');
    inTransit += countOf(texts[3] ?? '');
  }
  return { level, inTransit, directions };
}

/** The password of every demo person (the server's README, "Demo users"). */
const DEMO_PASSWORD = 'kiryana-demo';

/**
 * Signs a demo person in to the admin web in a page of its own, as a person does: "Sign in", name
 * and password on the embedded provider's page, back in the admin with a session.
 */
export async function signInToAdminWeb(
  page: Page,
  baseUrl: string,
  username: string,
): Promise<void> {
  await page.goto(`${baseUrl}/admin/`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/oidc\/interaction\//);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 30_000 });
}

/** Calls the admin API from the signed-in page with its session's access token. */
export async function adminApi(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      // The page's session storage (this file is typed for Node, without the DOM's types).
      const storage = (globalThis as unknown as { sessionStorage: Record<string, string> })
        .sessionStorage;
      const key = Object.keys(storage).find((k) => k.startsWith('oidc.user:'));
      const user = JSON.parse(storage[key ?? ''] ?? '{}') as {
        access_token?: string;
      };
      const response = await fetch(path, {
        method,
        headers: {
          authorization: `Bearer ${user.access_token ?? ''}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
    },
    { method, path, body },
  );
}

/**
 * Changes a tax class's rate from a date on the admin web's "Tax rates" screen, as HQ does (the
 * page is signed in with tax:write): the class's "Change rate from a date", the date, the GST
 * rate in percent ("18", as typed), no cess, a note, "Apply the change"; done when the class's
 * timeline shows the new row (`<class>@<date>`). Returns that row's text.
 */
export async function changeTaxRateInAdminWeb(
  page: Page,
  change: { taxClassId: string; effectiveFrom: string; ratePercent: string; note: string },
): Promise<string> {
  await page.getByRole('navigation').getByRole('link', { name: 'Tax rates', exact: true }).click();
  await page.getByRole('heading', { name: 'Tax rates', level: 1 }).waitFor();
  const card = page.locator(`article[data-tax-class="${change.taxClassId}"]`);
  await card.getByRole('button', { name: 'Change rate from a date' }).click();
  await card.getByLabel('In force from').fill(change.effectiveFrom);
  await card.getByLabel('GST rate (%)').fill(change.ratePercent);
  await card.getByLabel('Note (e.g. the notification)').fill(change.note);
  await card.getByRole('button', { name: 'Apply the change' }).click();
  const added = card.locator(`li[data-rate-id="${change.taxClassId}@${change.effectiveFrom}"]`);
  await added.waitFor();
  return added.innerText();
}
