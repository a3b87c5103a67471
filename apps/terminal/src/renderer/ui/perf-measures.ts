/**
 * User-timing measures of the two interactions a cashier waits on, read by bench/ through the
 * Performance API. Each starts at the key event's timestamp: "line shown" is the DOM commit that
 * contains the line, "painted" the first task after the next animation frame.
 */
export const PERF_MEASURES = {
  scanToLine: 'kiryana:scan-to-line',
  scanToPaint: 'kiryana:scan-to-paint',
  searchToResults: 'kiryana:search-to-results',
  searchToPaint: 'kiryana:search-to-paint',
} as const;

/** Records `committed` now and `painted` after the next frame, both from `startMs`. */
export function measureSince(startMs: number, committed: string, painted: string): void {
  performance.measure(committed, { start: startMs, end: performance.now() });
  requestAnimationFrame(() => {
    setTimeout(() => {
      performance.measure(painted, { start: startMs, end: performance.now() });
    }, 0);
  });
}
