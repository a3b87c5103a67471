import { enrollDevice } from '@kiryana/sync-client';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, signIn } from './browser';
import { isCi, testPgUrl as pgUrl } from './e2e-env';
import { type E2eServer, buildAdminWeb, startE2eServer } from './e2e-server';

/**
 * Issue 20's region sync endpoints in Chromium against the real server: HQ lists a region's
 * servers in fail-over order on the stores screen (an address with a path is refused before it is
 * sent), the list is stored in that order, and the next terminal enrolled in the region receives
 * it; a regional manager sees the list but cannot change it; the screen speaks Hindi too.
 */
if (!pgUrl && isCi) throw new Error('TEST_PG_URL is required in CI');

const NORTH = 'https://sync-north.example.in';
const WEST = 'https://sync-west.example.in:8443';

describe.skipIf(!hasChromium || !pgUrl)('region sync endpoints end to end', () => {
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

  it('lets HQ order a region’s sync servers, which the next terminal enrolled there receives', async () => {
    const { rows } = await server.db.query<{ region_id: string; code: string }>(
      'SELECT s.region_id, r.code FROM stores s JOIN regions r ON r.id = s.region_id WHERE s.code = $1',
      [server.enrolment.storeCode],
    );
    const region = rows[0];
    if (!region) throw new Error('the demo store has no region');

    const page = await signIn(browser, server.url, 'hq.admin');
    await page.getByRole('link', { name: 'Stores & terminals' }).click();
    const section = page.locator(`section[aria-labelledby="region-${region.region_id}"]`);
    const servers = section.locator('section.region-endpoints');
    await servers
      .getByText('No list: each terminal syncs only with the server it enrolled with.')
      .waitFor();
    await section.getByRole('button', { name: `Edit sync servers of ${region.code}` }).click();
    const address = servers.getByLabel('Server address');
    await address.fill(`${NORTH}/v1`);
    await servers.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => servers.getByRole('alert').innerText()).toContain('no path');
    await address.fill(NORTH);
    await servers.getByRole('button', { name: 'Add' }).click();
    await address.fill(WEST);
    await servers.getByRole('button', { name: 'Add' }).click();
    await servers.getByRole('button', { name: `Move ${WEST} up` }).click();
    await servers.getByRole('button', { name: 'Save' }).click();
    await servers.getByRole('status').waitFor();
    const listed = () => servers.locator('li').allInnerTexts();
    await expect.poll(listed).toEqual([`${WEST} (home)`, NORTH]);

    const stored = await server.db.query<{ sync_endpoints: string[] }>(
      'SELECT sync_endpoints FROM regions WHERE id = $1',
      [region.region_id],
    );
    expect(stored.rows[0]?.sync_endpoints).toEqual([WEST, NORTH]);
    const device = await enrollDevice(fetch, server.url, server.enrolment.code, 'Region till');
    expect(device.endpoints).toEqual([WEST, NORTH]);

    await page.getByRole('button', { name: 'हिन्दी' }).click();
    await servers.getByRole('heading', { name: 'सिंक सर्वर' }).waitFor();
    await expect.poll(listed).toEqual([`${WEST} (मुख्य)`, NORTH]);
    await page.context().close();

    const regional = await signIn(browser, server.url, 'regional.manager');
    await regional.getByRole('link', { name: 'Stores & terminals' }).click();
    await regional.getByRole('heading', { name: 'Sync servers' }).first().waitFor();
    expect(await regional.getByRole('button', { name: /^Edit sync servers/ }).count()).toBe(0);
    await regional.context().close();
  });
});
