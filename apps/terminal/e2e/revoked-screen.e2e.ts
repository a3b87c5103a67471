import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAccessToken } from '../test/sync/admin-token';
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
  launchChromium,
  releaseRenderer,
  serveTestTerminal,
  TerminalPage,
  type ServedTestTerminal,
} from './terminal-page';

/**
 * The screen a cashier sees when the store manager revokes the terminal in the middle of a shift:
 * the event stream says so, the billing screen gives way to one saying the terminal was revoked
 * (no sign-in form), and the PIN key is gone from the saved credential.
 */

const pgUrl = testPgUrl();
const runnable = pgUrl !== undefined && canRunBrowser();

describe.skipIf(!runnable)('a terminal revoked during a shift, in Chromium', () => {
  let database: TestPostgres;
  let serverDataDir: string;
  let server: SyncServerProcess;
  let terminal: ServedTestTerminal;
  let browser: Browser;

  beforeAll(async () => {
    database = await createTestPostgres(pgUrl ?? '');
    serverDataDir = mkdtempSync(join(tmpdir(), 'kiryana-e2e-revoked-'));
    server = await startSyncServer({
      databaseUrl: database.url,
      dataDir: serverDataDir,
      port: await freePort(),
    });
    terminal = await serveTestTerminal(server.url);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser.close();
    await terminal.dispose();
    await server.stop();
    await database.drop();
    rmSync(serverDataDir, { recursive: true, force: true });
    await releaseRenderer();
  });

  it('signs the cashier out to the revoked screen within seconds', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const ui = new TerminalPage(page);
    await page.goto(terminal.url);
    await ui.enrol(server.demoCode ?? '');
    await ui.signIn();
    await ui.waitForCatalogue();
    const credential = await terminal.credential();
    expect(credential).not.toBeNull();
    expect((credential as { pinKey?: string }).pinKey).toBeTruthy();

    const manager = await adminAccessToken(server.url, 'store.manager', 'kiryana-demo');
    const revoked = await fetch(
      `${server.url}/v1/admin/devices/${credential?.deviceId ?? ''}/revoke`,
      { method: 'POST', headers: { authorization: `Bearer ${manager}` } },
    );
    expect(revoked.status).toBe(200);

    const screen = page.getByTestId('revoked-screen');
    await screen.waitFor({ timeout: 10_000 });
    expect(await screen.textContent()).toContain('This terminal was revoked');
    expect(await page.getByTestId('billing-screen').count()).toBe(0);
    expect(await page.getByTestId('sign-in-screen').count()).toBe(0);
    expect(await page.getByTestId('sign-out').count()).toBe(0);
    await expect
      .poll(async () => (await terminal.credential()) as { pinKey?: string } | null)
      .toMatchObject({ deviceId: credential?.deviceId });
    await expect
      .poll(async () => ((await terminal.credential()) as { pinKey?: string } | null)?.pinKey)
      .toBeUndefined();
  });
});
