import type { CDPSession, Page } from 'playwright-core';
import { PERF_MEASURES } from '../src/renderer/ui/perf-measures';
import { whenIdle } from '../e2e/terminal-page';
import { barcodeOf, searchQueries } from './synthetic-catalogue';

/**
 * The counter's two waits, on a signed-in billing screen whose catalogue is in memory: scan →
 * line shown / painted, and search-as-you-type → results shown / painted. Times are the page's
 * user-timing measures (ui/perf-measures.ts), from the key event's timestamp. Never asserts one.
 */

const SCANS = 200;
const BILL_LINES = 25;

/** Percentiles of a series of durations. */
export type Stats = { p50: number; p95: number; count: number };

function stats(durations: number[]): Stats {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), count: sorted.length };
}

async function measures(page: Page, name: string): Promise<number[]> {
  return page.evaluate((n) => performance.getEntriesByName(n).map((entry) => entry.duration), name);
}

function keyEvent(key: string, type: 'keyDown' | 'keyUp', timestamp?: number) {
  const isEnter = key === 'Enter';
  return {
    type,
    key,
    code: isEnter ? 'Enter' : `Digit${key}`,
    windowsVirtualKeyCode: isEnter ? 13 : key.charCodeAt(0),
    ...(type === 'keyDown' ? { text: isEnter ? '\r' : key } : {}),
    ...(timestamp === undefined ? {} : { timestamp }),
  };
}

/**
 * A keyboard-wedge scan whose Enter carries the time the browser received it: the digits are
 * stamped 5 ms apart ending now (as a scanner types them) and handled first; then Enter goes
 * unstamped, so a measure from its timestamp holds the page's work and none of the harness's.
 * (Playwright's own typing stamps each key when the page has handled the one before, so a busy
 * page stretches the burst until the wedge no longer takes it for a scan.)
 */
async function scanAsScanner(page: Page, cdp: CDPSession, code: string): Promise<void> {
  const digits = Array.from(code);
  const first = Date.now() / 1000 - digits.length * 0.005;
  await Promise.all(
    digits.flatMap((digit, index) => [
      cdp.send('Input.dispatchKeyEvent', keyEvent(digit, 'keyDown', first + index * 0.005)),
      cdp.send('Input.dispatchKeyEvent', keyEvent(digit, 'keyUp', first + index * 0.005)),
    ]),
  );
  await whenIdle(page);
  await cdp.send('Input.dispatchKeyEvent', keyEvent('Enter', 'keyDown'));
  await cdp.send('Input.dispatchKeyEvent', keyEvent('Enter', 'keyUp'));
}

/** Completes the open bill (F12, cash) and closes its receipt; nothing when the cart is empty. */
async function closeBill(page: Page): Promise<void> {
  if ((await page.getByTestId('cart-line').count()) === 0) return;
  await page.keyboard.press('F12');
  await page.getByTestId('receipt-dialog').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('receipt-dialog').waitFor({ state: 'detached' });
}

/** What one counter run measured. */
export type CounterFigures = {
  recognised: number;
  scans: number;
  scanToLine: Stats;
  scanToPaint: Stats;
  searchToResults: Stats;
  searchToPaint: Stats;
};

/** Scans SCANS products of a `count`-product catalogue (bills of 25), then types the queries. */
export async function runCounter(page: Page, count: number): Promise<CounterFigures> {
  const cdp = await page.context().newCDPSession(page);
  await closeBill(page);
  await page.evaluate(() => {
    performance.clearMeasures();
  });
  let recognised = 0;
  for (let i = 0; i < SCANS; i++) {
    await scanAsScanner(page, cdp, barcodeOf((i * 7919) % count));
    // A cashier scans about one item a second; leave the frame after each scan undisturbed.
    await page.waitForTimeout(100);
    if (i % BILL_LINES === BILL_LINES - 1) {
      recognised += await page.getByTestId('cart-line').count();
      await closeBill(page);
    }
  }
  await page.waitForTimeout(200);
  const scanToLine = stats(await measures(page, PERF_MEASURES.scanToLine));
  const scanToPaint = stats(await measures(page, PERF_MEASURES.scanToPaint));

  await page.evaluate(() => {
    performance.clearMeasures();
  });
  const search = page.getByTestId('search-input');
  for (const query of searchQueries()) {
    await search.focus();
    await page.keyboard.type(query, { delay: 60 });
    await page.keyboard.press('Escape');
  }
  await page.waitForTimeout(200);
  await cdp.detach();
  return {
    recognised,
    scans: SCANS,
    scanToLine,
    scanToPaint,
    searchToResults: stats(await measures(page, PERF_MEASURES.searchToResults)),
    searchToPaint: stats(await measures(page, PERF_MEASURES.searchToPaint)),
  };
}

/** The renderer's live JavaScript heap after a full garbage collection, in bytes. */
export async function rendererHeapBytes(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
  } finally {
    await cdp.detach();
  }
}
