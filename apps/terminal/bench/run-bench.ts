/**
 * `pnpm --filter @kiryana/terminal bench`: scan → line shown and search-as-you-type in Chromium,
 * on the real renderer served with the SQLite storage host, with 20,000 products; the same run
 * on 2,000 products is the baseline the ratios compare against. Times come from the page's
 * Performance API (user-timing measures from the key event's timestamp). Then start-up to the
 * sign-in screen at 2,000, 20,000 and 100,000 products (startup-bench.ts). Never asserts a time.
 */
import type { Page } from 'playwright-core';
import { PERF_MEASURES } from '../src/renderer/ui/perf-measures';
import { serveSeededTerminal } from '../e2e/seeded-terminal';
import {
  buildRendererOnce,
  launchChromium,
  releaseRenderer,
  TerminalPage,
  whenIdle,
} from '../e2e/terminal-page';
import { runStartupBench } from './startup-bench';
import { barcodeOf, searchQueries } from './synthetic-catalogue';

const SCANS = 200;

type Stats = { p50: number; p95: number; count: number };

function stats(durations: number[]): Stats {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), count: sorted.length };
}

async function measures(page: Page, name: string): Promise<number[]> {
  return page.evaluate((n) => performance.getEntriesByName(n).map((entry) => entry.duration), name);
}

async function runOnce(count: number) {
  const terminal = await serveSeededTerminal(count);
  const browser = await launchChromium();
  try {
    const seedMs = terminal.seedMs;
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const loadStart = performance.now();
    await page.goto(terminal.url);
    await page.getByTestId('sign-in-screen').waitFor({ timeout: 120_000 });
    const startupMs = performance.now() - loadStart;
    await new TerminalPage(page).signIn();

    let recognised = 0;
    for (let i = 0; i < SCANS; i++) {
      // Playwright sends a key only after the page handled the previous one: start each burst
      // when the page is idle, as a real scanner's keys would not wait for a busy page.
      await whenIdle(page);
      await page.keyboard.type(barcodeOf((i * 7919) % count), { delay: 3 });
      await page.keyboard.press('Enter');
      // A cashier scans about one item a second; leave the frame after each scan undisturbed.
      await page.waitForTimeout(100);
      if (i % 25 === 24) {
        recognised += await page.getByTestId('cart-line').count();
        await page.keyboard.press('F12');
        await page.getByTestId('receipt-dialog').waitFor();
        await page.keyboard.press('Escape');
      }
    }
    await page.waitForTimeout(200);
    const scanToLine = stats(await measures(page, PERF_MEASURES.scanToLine));
    const scanToPaint = stats(await measures(page, PERF_MEASURES.scanToPaint));

    // Keys of the scans above also went through the search field (it has the focus): start clean.
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
    const searchToResults = stats(await measures(page, PERF_MEASURES.searchToResults));
    const searchToPaint = stats(await measures(page, PERF_MEASURES.searchToPaint));
    return {
      count,
      seedMs,
      startupMs,
      recognised,
      scanToLine,
      scanToPaint,
      searchToResults,
      searchToPaint,
    };
  } finally {
    await browser.close();
    await terminal.dispose();
  }
}

function line(label: string, value: Stats, baseline: Stats): string {
  const ms = (x: number) => x.toFixed(1).padStart(7);
  return `${label.padEnd(22)} p50 ${ms(value.p50)} ms  p95 ${ms(value.p95)} ms  (n=${value.count})   ×${(value.p95 / baseline.p95).toFixed(2)} of the 2,000-product p95`;
}

async function main(): Promise<void> {
  await buildRendererOnce();
  const baseline = await runOnce(2_000);
  const full = await runOnce(20_000);
  const startup = await runStartupBench([2_000, 20_000, 100_000]);
  await releaseRenderer();
  process.stdout.write(
    [
      `terminal: ${full.count} products (baseline ${baseline.count}), Chromium, SQLite storage host`,
      `  scans recognised as lines: ${full.recognised}/${SCANS} (baseline ${baseline.recognised}/${SCANS})`,
      `  seed ${(full.seedMs / 1000).toFixed(1)} s, start-up to the sign-in screen ${(full.startupMs / 1000).toFixed(1)} s (baseline ${(baseline.startupMs / 1000).toFixed(1)} s)`,
      `  ${line('scan → line shown', full.scanToLine, baseline.scanToLine)}`,
      `  ${line('scan → painted', full.scanToPaint, baseline.scanToPaint)}`,
      `  ${line('search → results', full.searchToResults, baseline.searchToResults)}`,
      `  ${line('search → painted', full.searchToPaint, baseline.searchToPaint)}`,
      `  goals: scan p95 < 50 ms, search p95 < 30 ms`,
      startup,
    ].join('\n'),
  );
}

void main().catch((error: unknown) => {
  process.stderr.write(`terminal bench failed: ${String(error)}\n`);
  process.exit(1);
});
