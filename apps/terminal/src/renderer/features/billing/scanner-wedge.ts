/**
 * Barcode scanners in keyboard-wedge mode "type" the code and press Enter, a few milliseconds per
 * key; people type at 80 ms per key or slower. When Enter comes, the detector looks for the
 * longest run of keys just before it that is long enough for a barcode, has no pause longer than
 * `maxGapMs` and averages at most `maxAverageGapMs` per key: that run is a scan. Averaging lets
 * one late key (the page was busy rendering the first digit's search results) stay part of the
 * scan, while the gap limit keeps slowly typed text in front of a burst out of the code.
 *
 * The detector is a pure state machine over (key, time), tested without a DOM; the DOM hook feeds
 * it from a capture-phase listener and swallows a scan wherever focus is.
 */

/** Tuning of the wedge detector. */
export type WedgeOptions = {
  /** Shortest code accepted as a scan (EAN-8 is the shortest retail barcode). */
  readonly minLength: number;
  /** Longest pause between two keys of one scan. */
  readonly maxGapMs: number;
  /** Longest average time per key of a scan, Enter included (scanners: 5–20 ms). */
  readonly maxAverageGapMs: number;
};

/** Defaults that separate scanners from fast typists on counter keyboards. */
export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = {
  minLength: 8,
  // Generous: a busy page (a long task between two keys) must not split a scan. Text typed by
  // hand right before a scan may then join it and be refused as an unknown code; nothing is added.
  maxGapMs: 250,
  maxAverageGapMs: 35,
};

/** What one key did to the detector. */
type WedgeResult =
  /** Ordinary input: let it through. `index` is its place in the current run (0 starts a run). */
  | { readonly kind: 'pass'; readonly index: number | null }
  /** Enter ended a scan: swallow the Enter; the scan began at key `startIndex` of the run. */
  | { readonly kind: 'scan'; readonly code: string; readonly startIndex: number };

/** A wedge detector: feed it every keydown. */
export type WedgeDetector = {
  /** `key` is `KeyboardEvent.key`; `timeMs` a monotonic time (event.timeStamp). */
  push(key: string, timeMs: number): WedgeResult;
  reset(): void;
};

function isPrintable(key: string): boolean {
  // One code point only: 'Shift', 'ArrowUp' and friends are longer.
  return key.length === 1 || (key.length === 2 && key.codePointAt(0) !== key.charCodeAt(0));
}

type Keystroke = { readonly key: string; readonly timeMs: number };

/** The start of the longest qualifying run ending at `enterMs`, or -1. */
function scanStart(run: readonly Keystroke[], enterMs: number, options: WedgeOptions): number {
  let start = run.length;
  let next = enterMs;
  // Walk back from Enter while the gaps stay short; the run can only start inside that stretch.
  while (start > 0) {
    const previous = run[start - 1];
    if (previous === undefined || next - previous.timeMs > options.maxGapMs) break;
    start -= 1;
    next = previous.timeMs;
  }
  for (let candidate = start; candidate <= run.length - options.minLength; candidate++) {
    const first = run[candidate];
    if (first === undefined) break;
    const keys = run.length - candidate;
    if (enterMs - first.timeMs <= options.maxAverageGapMs * keys) return candidate;
  }
  return -1;
}

/**
 * Creates a wedge detector.
 * @example
 * const wedge = createWedgeDetector();
 * Array.from('8901234567890', (ch, i) => wedge.push(ch, i * 5));
 * wedge.push('Enter', 70); // { kind: 'scan', code: '8901234567890', startIndex: 0 }
 */
export function createWedgeDetector(options: WedgeOptions = DEFAULT_WEDGE_OPTIONS): WedgeDetector {
  let run: Keystroke[] = [];
  return {
    push(key, timeMs) {
      if (key === 'Enter') {
        const start = scanStart(run, timeMs, options);
        const code = run
          .slice(Math.max(0, start))
          .map((stroke) => stroke.key)
          .join('');
        run = [];
        return start === -1
          ? { kind: 'pass', index: null }
          : { kind: 'scan', code, startIndex: start };
      }
      if (!isPrintable(key)) {
        // Shift (letters in Code 128 labels) does not break a run; other named keys do.
        if (key !== 'Shift') run = [];
        return { kind: 'pass', index: null };
      }
      const last = run.at(-1);
      // A long pause starts a new run, so the buffer never grows with ordinary typing.
      if (last !== undefined && timeMs - last.timeMs > options.maxGapMs) run = [];
      run.push({ key, timeMs });
      return { kind: 'pass', index: run.length - 1 };
    },
    reset() {
      run = [];
    },
  };
}
