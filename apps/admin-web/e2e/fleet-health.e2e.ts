import { createAccessTokens, createSyncApi, enrollDevice } from '@kiryana/sync-client';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, signIn } from './browser';
import { isCi, testPgUrl as pgUrl } from './e2e-env';
import { type E2eServer, buildAdminWeb, startE2eServer } from './e2e-server';

/**
 * Issue 14's terminal health in the fleet panel, in Chromium against the real server: a terminal's
 * report (how long its oldest fact has waited, its last sync error, its last reconciliation) shows
 * in the store manager's dashboard, in English and in Hindi.
 */
if (!pgUrl && isCi) throw new Error('TEST_PG_URL is required in CI');

describe.skipIf(!hasChromium || !pgUrl)('fleet health panel end to end', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    await buildAdminWeb();
    server = await startE2eServer(pgUrl ?? '');
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  it("shows a terminal's oldest unsynced fact, last error and reconciliation in en and hi", async () => {
    const device = await enrollDevice(fetch, server.url, server.enrolment.code, 'Fleet till');
    const api = createSyncApi(
      fetch,
      server.url,
      createAccessTokens(fetch, device, { now: () => Date.now() }),
    );
    const now = Date.now();
    await api.report({
      clientTime: new Date(now).toISOString(),
      unsyncedDocuments: 4,
      appVersion: 'e2e',
      oldestUnsyncedAt: new Date(now - 45 * 60_000).toISOString(),
      lastError: {
        code: 'NETWORK',
        message: 'fetch failed',
        at: new Date(now - 60_000).toISOString(),
      },
      lastReconciliation: {
        at: new Date(now - 120_000).toISOString(),
        reason: 'epoch',
        status: 'repaired',
        from: '2026-01-01',
        to: '2026-01-31',
        daysDiffering: 1,
        repushed: 3,
        quarantined: 0,
        stillDiffering: [],
      },
      // Failed over to another region's server (issue 20): the panel names its host.
      endpoint: 'https://sync-west.example.in',
    });

    const page = await signIn(browser, server.url, 'store.manager');
    const row = page.locator(`tr[data-device="${device.deviceId}"]`);
    await row.waitFor({ timeout: 10_000 });
    const cells = () => row.locator('td').allInnerTexts();
    await expect.poll(cells).toContain('45 min');
    const english = await cells();
    expect(english.some((text) => text.startsWith('NETWORK, '))).toBe(true);
    expect(english).toContain('Repaired: 3 document(s) sent again');
    expect(english).toContain('sync-west.example.in');

    await page.getByRole('button', { name: 'हिन्दी' }).click();
    await expect.poll(cells).toContain('45 मि.');
    expect(await cells()).toContain('ठीक किया: 3 दस्तावेज़ फिर भेजे');
    await page.context().close();
  });
});
