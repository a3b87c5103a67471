import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAccessToken } from '../test/sync/admin-token';
import { startServerStack, type ServerStack } from './server-stack';
import { testPgUrl, type SyncServerProcess } from './sync-server-process';
import {
  canRunBrowser,
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
  let stack: ServerStack;
  let server: SyncServerProcess;
  let terminal: ServedTestTerminal;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startServerStack(pgUrl ?? '', 'revoked');
    ({ server, browser } = stack);
    terminal = await serveTestTerminal(server.url);
  }, 180_000);

  afterAll(async () => {
    await terminal.dispose();
    await stack.stop();
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
