/**
 * `pnpm --filter @kiryana/terminal bench`: the counter at 2,000, 20,000 and 100,000 products, on
 * the real renderer in Chromium and the SQLite storage host in a process of its own. For each
 * size: start-up to the sign-in screen, the first scan after sign-in, the time until the whole
 * catalogue is in memory (startup-bench.ts); scan → painted and search → painted p95 once loaded
 * (counter-bench.ts); the renderer's JS heap and the host's resident memory. Every figure is
 * printed with its ratio to the 2,000-product one of the same run. Never asserts a time.
 * Sizes: bench-env.ts.
 */
import { seedTerminal } from '../e2e/seeded-terminal';
import { buildRendererOnce, launchChromium, releaseRenderer } from '../e2e/terminal-page';
import { rendererHeapBytes, runCounter, type CounterFigures, type Stats } from './counter-bench';
import { benchEnv } from './bench-env';
import { startHostProcess } from './host-process';
import { measureStartup, type StartupFigures } from './startup-bench';

type SizeFigures = StartupFigures &
  CounterFigures & { count: number; seedMs: number; heapBytes: number; hostRssBytes: number };

async function measureSize(count: number): Promise<SizeFigures> {
  process.stderr.write(`terminal bench: ${String(count)} products…\n`);
  const host = await startHostProcess();
  const browser = await launchChromium();
  try {
    const seedMs = await seedTerminal(host, count);
    const { figures, page } = await measureStartup(browser, host.url, count);
    const counter = await runCounter(page, count);
    const heapBytes = await rendererHeapBytes(page);
    return { count, seedMs, ...figures, ...counter, heapBytes, hostRssBytes: host.rssBytes() };
  } finally {
    await browser.close();
    await host.dispose();
  }
}

const ms = (x: number) => `${x.toFixed(1).padStart(7)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0).padStart(5)} MB`;
const s = (x: number) => `${(x / 1000).toFixed(2)} s`;
const ratio = (value: number, baseline: number) => `×${(value / baseline).toFixed(2)}`;

function report(all: SizeFigures[]): string {
  const [base] = all;
  if (base === undefined) return '';
  const rows = (label: string, value: (f: SizeFigures) => number, show: (x: number) => string) =>
    [
      `  ${label}`,
      ...all.map(
        (f) =>
          `    ${String(f.count).padStart(7)}: ${show(value(f))}  ${ratio(value(f), value(base))}`,
      ),
    ].join('\n');
  const p95 = (pick: (f: SizeFigures) => Stats) => (f: SizeFigures) => pick(f).p95;
  return [
    `terminal bench: Chromium renderer, SQLite storage host in its own process; ratios to ${String(base.count)} products`,
    `  seed ${all.map((f) => `${String(f.count)}: ${s(f.seedMs)}`).join(', ')}`,
    `  scans recognised as lines: ${all.map((f) => `${String(f.count)}: ${String(f.recognised)}/${String(f.scans)} (${String(f.scanToPaint.count)} measures)`).join(', ')}`,
    rows('start-up to the sign-in screen (median of 3)', (f) => f.startupMs, s),
    rows('first scan after sign-in (catalogue still loading)', (f) => f.firstScanMs, ms),
    rows('whole catalogue in memory after', (f) => f.catalogueMs, s),
    rows(
      'scan → line shown p95',
      p95((f) => f.scanToLine),
      ms,
    ),
    rows(
      'scan → painted p95',
      p95((f) => f.scanToPaint),
      ms,
    ),
    rows(
      'search → results p95',
      p95((f) => f.searchToResults),
      ms,
    ),
    rows(
      'search → painted p95',
      p95((f) => f.searchToPaint),
      ms,
    ),
    rows('renderer JS heap (after GC)', (f) => f.heapBytes, mb),
    rows('storage host RSS', (f) => f.hostRssBytes, mb),
    '  goals: start-up at 100,000 ≤ 1.5× of 2,000; scan and search → painted p95 ≤ 16 ms at 100,000',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  await buildRendererOnce();
  const all: SizeFigures[] = [];
  try {
    for (const count of benchEnv.sizes) all.push(await measureSize(count));
  } finally {
    await releaseRenderer();
  }
  process.stdout.write(report(all));
}

void main().catch((error: unknown) => {
  process.stderr.write(`terminal bench failed: ${String(error)}\n`);
  process.exit(1);
});
