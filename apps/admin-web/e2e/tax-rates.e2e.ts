import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApiAs, hasChromium, launchChromium, signIn } from './browser';
import { isCi, testPgUrl as pgUrl } from './e2e-env';
import { type E2eServer, buildAdminWeb, startE2eServer } from './e2e-server';

/**
 * Issue 19's "Tax rates" screen, in Chromium against the real server on Postgres with the real
 * sign-in: HQ changes a rate from a future date and the class's timeline shows the new row (and
 * the old one closed); after a month is marked filed, a change into it asks for a reason and then
 * applies; an auditor and a store manager see the rates but are offered no change, and the
 * server answers their change 403.
 */
if (!pgUrl && isCi) throw new Error('TEST_PG_URL is required in CI');

describe.skipIf(!hasChromium || !pgUrl)('tax rates in the admin web', () => {
  let server: E2eServer;
  let browser: Browser;
  let hq: Page;
  let gstin = '';
  const started = Date.now();

  beforeAll(async () => {
    await buildAdminWeb();
    server = await startE2eServer(pgUrl ?? '');
    browser = await launchChromium();
    const { rows } = await server.db.query<{ gstin: string }>(
      'SELECT gstin FROM stores WHERE code = $1',
      [server.enrolment.storeCode],
    );
    gstin = rows[0]?.gstin ?? '';
    expect(gstin).toHaveLength(15);
    hq = await signIn(browser, server.url, 'hq.admin');
  }, 240_000);

  afterAll(async () => {
    await browser.close();
    await server.stop();
    console.info(`tax rates e2e suite: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  const openTaxRates = async (page: Page) => {
    await page
      .getByRole('navigation')
      .getByRole('link', { name: 'Tax rates', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Tax rates', level: 1 }).waitFor();
  };
  const card = (page: Page, taxClassId: string): Locator =>
    page.locator(`article[data-tax-class="${taxClassId}"]`);
  const rateRow = (page: Page, rateId: string): Locator =>
    page.locator(`li[data-rate-id="${rateId}"]`);

  it('lets HQ change a rate from a future date, and the timeline shows it', async () => {
    await openTaxRates(hq);
    const tobacco = card(hq, 'gst-tobacco');
    await rateRow(hq, 'gst-tobacco@2026-02-01').waitFor();
    await tobacco.getByRole('button', { name: 'Change rate from a date' }).click();
    await tobacco.getByLabel('In force from').fill('2027-04-01');
    await tobacco.getByLabel('GST rate (%)').fill('28');
    await tobacco
      .getByLabel('Note (e.g. the notification)')
      .fill('E2E: 40 % → 28 % from 1 Apr 2027');
    await tobacco.getByRole('button', { name: 'Apply the change' }).click();
    const added = rateRow(hq, 'gst-tobacco@2027-04-01');
    await added.waitFor();
    expect(await added.innerText()).toContain('GST 28%');
    // The row it follows is closed the day the new one starts.
    expect(await rateRow(hq, 'gst-tobacco@2026-02-01').innerText()).toMatch(/to the day before/);
    const { rows } = await server.db.query<{ effective_to: string | null }>(
      `SELECT to_char(effective_to, 'YYYY-MM-DD') AS effective_to FROM tax_rates WHERE id = $1`,
      ['gst-tobacco@2026-02-01'],
    );
    expect(rows[0]?.effective_to).toBe('2027-04-01');

    // The class's HSN prefixes, typed with spaces as printed in the tariff.
    const gold = card(hq, 'gst-3');
    await gold.getByRole('button', { name: 'Edit HSN prefixes' }).click();
    await gold.getByLabel('HSN prefixes', { exact: true }).fill('7108, 7113 19');
    await gold.getByRole('button', { name: 'Save' }).click();
    await gold.getByText('HSN starting with 7108, 711319').waitFor();

    // A new class, with no rate until its first change.
    await hq.getByRole('button', { name: 'New tax class' }).click();
    const form = hq.getByRole('form', { name: 'New tax class' });
    await form.getByLabel('Class id').fill('gst-e2e-drinks');
    await form.getByLabel('Description').fill('E2E drinks');
    await form.getByLabel('HSN prefixes', { exact: true }).fill('2202');
    await form.getByRole('button', { name: 'Create the class' }).click();
    const created = card(hq, 'gst-e2e-drinks');
    await created.getByText('No rate yet.').waitFor();
    await created.getByText('HSN starting with 2202').waitFor();
  });

  it('asks for a reason to change a rate into a filed month, then applies it', async () => {
    const filings = hq.getByRole('form', { name: 'Mark filed' });
    await filings.getByLabel('GSTIN').fill(gstin);
    await filings.getByLabel('Month').fill('2026-11');
    await filings.getByLabel('ARN').fill('AA271126E2E0001');
    await filings.getByRole('button', { name: 'Mark filed' }).click();
    await hq.getByTestId('gst-filings').getByRole('cell', { name: 'AA271126E2E0001' }).waitFor();
    // Filed by the person signed in, by name.
    await hq.getByTestId('gst-filings').getByRole('cell', { name: 'Kabir Shah' }).waitFor();

    const gold = card(hq, 'gst-3');
    await gold.getByRole('button', { name: 'Change rate from a date' }).click();
    await gold.getByLabel('In force from').fill('2026-11-10');
    await gold.getByLabel('GST rate (%)').fill('5');
    await gold.getByLabel('Note (e.g. the notification)').fill('E2E: 3 % → 5 %');
    await gold.getByRole('button', { name: 'Apply the change' }).click();
    await gold
      .getByRole('alert')
      .getByText(/GSTR-1 is already filed for 2026-11/)
      .waitFor();
    expect(await rateRow(hq, 'gst-3@2026-11-10').count()).toBe(0);

    const reason = 'E2E: rate notified late, invoices amended in GSTR-1A';
    await gold.getByLabel('Reason for changing a filed month').fill(reason);
    await gold.getByRole('button', { name: 'Apply with this reason' }).click();
    await rateRow(hq, 'gst-3@2026-11-10').waitFor();
    const { rows } = await server.db.query<{ reason: string }>(
      `SELECT data->>'filedMonthReason' AS reason FROM audit_log
        WHERE kind = 'tax.rate_changed' AND subject = 'gst-3@2026-11-10'`,
    );
    expect(rows.map((r) => r.reason)).toEqual([reason]);
  });

  it('offers an auditor and a store manager no change, and the server refuses theirs', async () => {
    for (const username of ['auditor', 'store.manager']) {
      const page = await signIn(browser, server.url, username);
      await openTaxRates(page);
      await rateRow(page, 'gst-tobacco@2027-04-01').waitFor();
      expect(await page.getByRole('button', { name: 'Change rate from a date' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Edit HSN prefixes' }).count()).toBe(0);
      expect(await page.getByRole('form', { name: 'Mark filed' }).count()).toBe(0);
      const refused = await callApiAs(page, 'POST', '/v1/admin/tax-classes/gst-18/rates', {
        factId: crypto.randomUUID(),
        rateBp: 500,
        cessBp: 0,
        effectiveFrom: '2027-06-01',
        description: 'not allowed',
      });
      expect(refused.status).toBe(403);
      expect((refused.body as { error: { code: string } }).error.code).toBe('FORBIDDEN');
      await page.context().close();
    }
    const { rows } = await server.db.query(
      "SELECT 1 FROM tax_rates WHERE id = 'gst-18@2027-06-01'",
    );
    expect(rows).toHaveLength(0);
  });
});
