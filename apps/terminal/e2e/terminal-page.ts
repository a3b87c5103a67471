import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { build } from 'vite';
import { LOCAL_API, type ServedConfig } from '../src/bridge/local-api';
import { serveTerminal, type ServedTerminal } from '../src/serve/serve';
import { isCi } from './e2e-env';

/** Debian's Chromium; the browser suites skip locally without it and fail under CI. */
const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser suites can run here. */
export function canRunBrowser(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (isCi) throw new Error(`CI=true but ${CHROMIUM} is missing`);
  return false;
}

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
let built: Promise<string> | undefined;

/**
 * Builds the renderer once per test process (vite build, a few seconds) into a folder of its own,
 * so suites running in parallel workers never serve a folder another one is rewriting.
 */
export function buildRendererOnce(): Promise<string> {
  built ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'kiryana-renderer-'));
    await build({
      configFile: join(APP_DIR, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir, emptyOutDir: true },
    });
    return outDir;
  })();
  return built;
}

/** Removes this process's renderer build (call in afterAll; a later suite builds again). */
export async function releaseRenderer(): Promise<void> {
  const outDir = await built?.catch(() => undefined);
  built = undefined;
  if (outDir !== undefined) rmSync(outDir, { recursive: true, force: true });
}

/** Launches Chromium with the workplace's flags. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

/** A terminal served from its own data folder (SQLite files and credential). */
export type ServedTestTerminal = ServedTerminal & {
  readonly dataDir: string;
  /** The device credential the terminal saved when it enrolled. */
  credential(): Promise<{ deviceId: string; storeId: string; terminalCode: string } | null>;
  dispose(): Promise<void>;
};

/** Serves a fresh terminal pointed at `syncServerUrl`. */
export async function serveTestTerminal(syncServerUrl: string | null): Promise<ServedTestTerminal> {
  const distDir = await buildRendererOnce();
  const dataDir = mkdtempSync(join(tmpdir(), 'kiryana-e2e-terminal-'));
  const served = await serveTerminal({
    port: 0,
    dataDir,
    distDir,
    syncServerUrl,
    printer: null,
  });
  const config = (await (await fetch(new URL('config.json', served.url))).json()) as ServedConfig;
  return {
    ...served,
    dataDir,
    async credential() {
      const response = await fetch(new URL(LOCAL_API.credential, served.url), {
        headers: { [LOCAL_API.tokenHeader]: config.localToken },
      });
      const { text } = (await response.json()) as { text: string | null };
      return text === null
        ? null
        : (JSON.parse(text) as { deviceId: string; storeId: string; terminalCode: string });
    },
    async dispose() {
      await served.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves when the page's main thread is idle (the page runs in Chromium, typed here in Node). */
export async function whenIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        (
          globalThis as unknown as { requestIdleCallback(callback: () => void): number }
        ).requestIdleCallback(() => {
          resolve();
        });
      }),
  );
}

/** The sync server's demo cashier at the demo store (and the seeded terminal's cashier). */
export const DEMO_CASHIER = { displayName: 'Asha Kumari', pin: '4827' } as const;

/** The demo store manager, who may authorise voids, refunds and larger discounts. */
export const DEMO_MANAGER = { displayName: 'Ravi Verma', pin: '7391' } as const;

/** Drives the terminal's screens the way a cashier does: keyboard first. */
export class TerminalPage {
  constructor(readonly page: Page) {}

  /** Enrols on first run and waits for the cashier sign-in (nobody is signed in yet). */
  async enrol(code: string): Promise<void> {
    await this.page.getByTestId('enrol-code').fill(code);
    await this.page.getByTestId('enrol-submit').click();
    await this.page.getByTestId('sign-in-screen').waitFor();
  }

  /**
   * Types a PIN for a person on the sign-in screen (waiting for the server's list of people) and
   * returns the refusal shown, or null once the billing screen is up.
   */
  async trySignIn(displayName: string, pin: string): Promise<string | null> {
    const screen = this.page.getByTestId('sign-in-screen');
    await screen.getByTestId('sign-in-pin').waitFor({ timeout: 60_000 });
    await screen.getByTestId('sign-in-person').selectOption({ label: displayName });
    await screen.getByTestId('sign-in-pin').fill(pin);
    const before = Number(await screen.getAttribute('data-checks'));
    await this.page.keyboard.press('Enter');
    const billing = this.page.getByTestId('billing-screen');
    const answered = this.page.locator(`[data-testid=sign-in-screen][data-checks="${before + 1}"]`);
    await billing.or(answered).first().waitFor();
    if (await billing.isVisible()) return null;
    return (await screen.getByTestId('sign-in-message').getAttribute('data-reason')) ?? '';
  }

  /** Types a manager's PIN into the manager dialog and waits for it to close. */
  async authorise(
    displayName: string = DEMO_MANAGER.displayName,
    pin: string = DEMO_MANAGER.pin,
  ): Promise<void> {
    const dialog = this.page.getByTestId('manager-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('manager-person').selectOption({ label: displayName });
    await dialog.getByTestId('manager-pin').fill(pin);
    await dialog.getByTestId('manager-submit').click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Signs a cashier in (the demo cashier by default) and waits for the billing screen. */
  async signIn(
    displayName: string = DEMO_CASHIER.displayName,
    pin: string = DEMO_CASHIER.pin,
  ): Promise<void> {
    const refusal = await this.trySignIn(displayName, pin);
    if (refusal !== null) throw new Error(`sign-in refused: ${refusal}`);
  }

  /** Waits until the first pull of every collection has finished. */
  async waitForCatalogue(timeoutMs = 60_000): Promise<void> {
    await this.page.getByTestId('sync-status').waitFor();
    await this.page.getByTestId('sync-progress').waitFor({ state: 'detached', timeout: timeoutMs });
  }

  /**
   * A barcode scanner in keyboard-wedge mode: real key events, 5 ms apart, then Enter, wherever
   * focus is. The events carry hardware-like timestamps (CDP `Input.dispatchKeyEvent`), because
   * Playwright's own typing sends each key only after the page handled the previous one, which
   * would stretch a burst whenever the page is busy, as a real scanner never does.
   */
  async scan(code: string): Promise<void> {
    const cdp = await this.cdp();
    const startS = Date.now() / 1000;
    const keys = [...Array.from(code), 'Enter'];
    for (const [index, key] of keys.entries()) {
      const timestamp = startS + index * 0.005;
      const isEnter = key === 'Enter';
      const common = {
        key,
        code: isEnter ? 'Enter' : /\d/.test(key) ? `Digit${key}` : `Key${key.toUpperCase()}`,
        windowsVirtualKeyCode: isEnter ? 13 : key.toUpperCase().charCodeAt(0),
      };
      await cdp.send('Input.dispatchKeyEvent', {
        type: 'keyDown',
        ...common,
        text: isEnter ? '\r' : key,
        timestamp,
      });
      await cdp.send('Input.dispatchKeyEvent', {
        type: 'keyUp',
        ...common,
        timestamp: timestamp + 0.001,
      });
    }
  }

  private session: CDPSession | undefined;

  private async cdp(): Promise<CDPSession> {
    this.session ??= await this.page.context().newCDPSession(this.page);
    return this.session;
  }

  async cartLineCount(): Promise<number> {
    return this.page.getByTestId('cart-line').count();
  }

  async message(): Promise<string> {
    return (await this.page.getByTestId('billing-message').textContent()) ?? '';
  }

  /** Adds a payment through the payment dialog (F8). */
  async pay(method: 'cash' | 'upi' | 'card', amount: string, extra = ''): Promise<void> {
    await this.page.keyboard.press('F8');
    const dialog = this.page.getByTestId('payment-dialog');
    await dialog.waitFor();
    await dialog.getByTestId(`method-${method}`).check();
    if (amount !== '') await dialog.getByTestId('payment-amount').fill(amount);
    if (method === 'cash' && extra !== '') await dialog.getByTestId('payment-tendered').fill(extra);
    if (method !== 'cash') await dialog.getByTestId('payment-reference').fill(extra);
    await dialog.getByTestId('payment-submit').click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Completes the bill with one key (F12), waits for the receipt, closes it; returns the invoice number. */
  async complete(): Promise<string> {
    await this.page.keyboard.press('F12');
    const receipt = this.page.getByTestId('receipt-dialog');
    try {
      await receipt.waitFor({ timeout: 15_000 });
    } catch (error) {
      const shown = await this.page.locator('body').innerText();
      throw new Error(`no receipt after F12; the screen shows:\n${shown}`, { cause: error });
    }
    const invoiceNo = (await receipt.getByTestId('receipt-invoice-no').textContent()) ?? '';
    await this.page.keyboard.press('Escape');
    await receipt.waitFor({ state: 'detached' });
    return invoiceNo;
  }

  async unsyncedCount(): Promise<number> {
    return Number(await this.page.getByTestId('sync-unsynced').getAttribute('data-count'));
  }

  async waitForUnsynced(count: number, timeoutMs = 90_000): Promise<void> {
    await this.page.waitForSelector(`[data-testid=sync-unsynced][data-count="${count}"]`, {
      timeout: timeoutMs,
    });
  }
}
