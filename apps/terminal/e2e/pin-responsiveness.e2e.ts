import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barcodeOf } from '../bench/synthetic-catalogue';
import { serveSeededTerminal } from './seeded-terminal';
import {
  canRunBrowser,
  DEMO_CASHIER,
  launchChromium,
  releaseRenderer,
  TerminalPage,
  type ServedTestTerminal,
} from './terminal-page';

/**
 * A PIN check costs what the server's KDF costs (scrypt N=2^17, r=8, about a second of one core):
 * the terminal derives it in a Web Worker, so the screen keeps painting and taking keys meanwhile,
 * shows that it is checking, and takes no second submit. Measured in the page itself: a 10 ms
 * interval and requestAnimationFrame keep firing through the whole check, which they cannot while
 * scrypt runs on the main thread.
 */

/** The server's verifier cost (apps/sync-server/src/features/pins/pin-kdf.ts). */
const PRODUCTION_KDF = { iterations: 100_000, scrypt: { logN: 17, r: 8, p: 1 } };

type Probe = {
  durationMs: number;
  maxGapMs: number;
  ticks: number;
  frames: number;
  busySeen: boolean;
  busyButtonDisabled: boolean;
};

type ProbeState = {
  start: number;
  last: number;
  maxGapMs: number;
  ticks: number;
  frames: number;
  busySeen: boolean;
  busyButtonDisabled: boolean;
  running: boolean;
  timer: number;
};

/** The page's globals the probe uses (this file compiles without the DOM library). */
type PageGlobals = {
  document: { querySelector(selector: string): { disabled?: boolean } | null };
  requestAnimationFrame(callback: () => void): number;
  setInterval(callback: () => void, ms: number): number;
  clearInterval(id: number): void;
  pinProbe: ProbeState;
};

/** Starts counting interval ticks and animation frames in the page, and watches for `busy`. */
async function startProbe(page: Page, busyTestId: string, submitTestId: string): Promise<void> {
  await page.evaluate(
    ([busy, submit]) => {
      const g = globalThis as unknown as PageGlobals;
      const state: ProbeState = {
        start: performance.now(),
        last: performance.now(),
        maxGapMs: 0,
        ticks: 0,
        frames: 0,
        busySeen: false,
        busyButtonDisabled: false,
        running: true,
        timer: 0,
      };
      state.timer = g.setInterval(() => {
        const now = performance.now();
        state.maxGapMs = Math.max(state.maxGapMs, now - state.last);
        state.last = now;
        state.ticks += 1;
        if (g.document.querySelector(`[data-testid="${busy}"]`) !== null) {
          state.busySeen = true;
          state.busyButtonDisabled =
            g.document.querySelector(`[data-testid="${submit}"]`)?.disabled === true;
        }
      }, 10);
      const frame = () => {
        if (!state.running) return;
        state.frames += 1;
        g.requestAnimationFrame(frame);
      };
      g.requestAnimationFrame(frame);
      g.pinProbe = state;
    },
    [busyTestId, submitTestId] as const,
  );
}

/** Stops the probe and reads it. */
async function stopProbe(page: Page): Promise<Probe> {
  return page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const state = g.pinProbe;
    state.running = false;
    g.clearInterval(state.timer);
    const now = performance.now();
    return {
      durationMs: now - state.start,
      // The time since the last tick counts too: a check that blocks to the end leaves no tick.
      maxGapMs: Math.max(state.maxGapMs, now - state.last),
      ticks: state.ticks,
      frames: state.frames,
      busySeen: state.busySeen,
      busyButtonDisabled: state.busyButtonDisabled,
    };
  });
}

/** What a responsive page shows during a check that took `probe.durationMs`. */
function expectResponsive(probe: Probe): void {
  console.info(`PIN check in the page: ${JSON.stringify(probe)}`);
  // The check really cost something, or the measurement proves nothing.
  expect(probe.durationMs).toBeGreaterThan(300);
  // On the main thread scrypt leaves one gap as long as itself; in a worker ticks keep coming.
  expect(probe.maxGapMs).toBeLessThan(250);
  expect(probe.ticks).toBeGreaterThan(probe.durationMs / 40);
  expect(probe.frames).toBeGreaterThan(probe.durationMs / 100);
  expect(probe.busySeen).toBe(true);
  expect(probe.busyButtonDisabled).toBe(true);
}

describe.skipIf(!canRunBrowser())('a PIN check at the production KDF cost', () => {
  let terminal: ServedTestTerminal;
  let browser: Browser;
  let page: Page;
  let ui: TerminalPage;

  beforeAll(async () => {
    terminal = await serveSeededTerminal(20, { stockLevels: 20, pinKdfCost: PRODUCTION_KDF });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    ui = new TerminalPage(page);
    await page.goto(terminal.url);
  });
  afterAll(async () => {
    await browser.close();
    await terminal.dispose();
    await releaseRenderer();
  });

  it('keeps the sign-in screen responsive, says it is checking and takes one submit', async () => {
    const screen = page.getByTestId('sign-in-screen');
    await screen.getByTestId('sign-in-pin').waitFor({ timeout: 60_000 });
    await screen.getByTestId('sign-in-person').selectOption({ label: DEMO_CASHIER.displayName });
    await screen.getByTestId('sign-in-pin').fill('9999');
    await startProbe(page, 'sign-in-busy', 'sign-in-submit');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=sign-in-screen][data-checks="1"]').waitFor();
    const probe = await stopProbe(page);
    expectResponsive(probe);
    // One wrong PIN counted, not two.
    await expect
      .poll(() => screen.getByTestId('sign-in-message').textContent())
      .toMatch(/4 attempts left/);
    expect(await screen.getAttribute('data-checks')).toBe('1');
    expect(await page.getByTestId('sign-in-busy').count()).toBe(0);
  });

  it('keeps the manager PIN dialog responsive, says it is checking and takes one submit', async () => {
    await ui.signIn();
    await ui.scan(barcodeOf(1));
    await expect.poll(() => ui.cartLineCount()).toBe(1);
    await page.keyboard.press('Delete');
    const dialog = page.getByTestId('manager-dialog');
    await dialog.getByTestId('manager-pin').fill('9999');
    await startProbe(page, 'manager-busy', 'manager-submit');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await dialog.getByTestId('manager-message').waitFor();
    const probe = await stopProbe(page);
    expectResponsive(probe);
    await expect
      .poll(() => dialog.getByTestId('manager-message').textContent())
      .toMatch(/4 attempts left/);
    // A second check would have counted a second wrong PIN.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await dialog.getByTestId('manager-message').textContent()).toMatch(/4 attempts left/);
    expect(await ui.cartLineCount()).toBe(1);
  });
});
