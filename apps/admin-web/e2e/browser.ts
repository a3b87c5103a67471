import { existsSync } from 'node:fs';
import { type Browser, type Page, chromium } from 'playwright-core';
import { isCi } from './e2e-env';

/** Debian's Chromium; the suite skips without it locally and fails without it in CI. */
const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && isCi) throw new Error(`${CHROMIUM} is required in CI`);

/** The password of every demo person (the server's README, "Demo users"). */
const DEMO_PASSWORD = 'kiryana-demo';

/** Starts Chromium headless with the flags this machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

/**
 * Signs a demo person in the way a person does: opens the admin, presses "Sign in", types name and
 * password on the embedded provider's sign-in page, and lands back in the admin with a session
 * (authorization code + PKCE, done by oidc-client-ts in the page).
 */
export async function signIn(browser: Browser, baseUrl: string, username: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1024, height: 768 },
    locale: 'en-IN',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(`${baseUrl}/admin/`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/oidc\/interaction\//);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  try {
    await page.waitForURL(new RegExp(`^${baseUrl}/admin/?$`), { timeout: 15_000 });
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 15_000 });
  } catch (error) {
    const shown = await page.locator('body').innerText();
    throw new Error(
      `sign-in of ${username} failed at ${page.url()}: ${shown}\n${problems.join('\n')}`,
      {
        cause: error,
      },
    );
  }
  return page;
}

/** Calls the API from the page with the session's own access token, as a tampering user could. */
export async function callApiAs(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'));
      const user = JSON.parse(sessionStorage.getItem(key ?? '') ?? '{}') as {
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
