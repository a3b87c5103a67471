/**
 * Barcode scanners in keyboard-wedge mode "type" the code and press Enter, a few milliseconds per
 * key; people type at 80 ms per key or slower. A burst of at least `minLength` printable keys, each
 * within `maxGapMs` of the one before, ended by Enter within `maxGapMs` is a scan. The detector is a
 * pure state machine over (key, time) so it can be tested without a DOM; the DOM hook feeds it
 * from a capture-phase listener and swallows the keys of a scan wherever focus is.
 */

/** Tuning of the wedge detector. */
export type WedgeOptions = {
  /** Longest pause between two keys of one scan; 50 ms is above what scanners need (≈ 5–20 ms). */
  readonly maxGapMs: number;
  /** Shortest code accepted as a scan (EAN-8 is the shortest retail barcode). */
  readonly minLength: number;
};

/** Defaults that separate scanners from fast typists on the counter keyboards we know. */
export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = { maxGapMs: 50, minLength: 8 };

/** What one key did to the detector. */
export type WedgeResult =
  /** The key is ordinary input (or may still be part of a scan): let it through. */
  | { readonly kind: 'pass'; readonly burstStart: boolean }
  /** Enter ended a scan: swallow the Enter and handle `code`; `length` keys before it belong to it. */
  | { readonly kind: 'scan'; readonly code: string };

/** A wedge detector: feed it every keydown. */
export type WedgeDetector = {
  /** `key` is `KeyboardEvent.key`; `timeMs` a monotonic time (event.timeStamp or performance.now()). */
  push(key: string, timeMs: number): WedgeResult;
  reset(): void;
};

function isPrintable(key: string): boolean {
  // One code point only: 'Shift', 'ArrowUp' and friends are longer.
  return key.length === 1 || (key.length === 2 && key.codePointAt(0) !== key.charCodeAt(0));
}

/**
 * Creates a wedge detector.
 * @example
 * const wedge = createWedgeDetector();
 * Array.from('8901234567890', (ch, i) => wedge.push(ch, i * 5));
 * wedge.push('Enter', 70); // { kind: 'scan', code: '8901234567890' }
 */
export function createWedgeDetector(options: WedgeOptions = DEFAULT_WEDGE_OPTIONS): WedgeDetector {
  let buffer = '';
  let lastTimeMs = Number.NEGATIVE_INFINITY;

  return {
    push(key, timeMs) {
      const withinGap = timeMs - lastTimeMs <= options.maxGapMs;
      lastTimeMs = timeMs;
      if (key === 'Enter') {
        const code = buffer;
        buffer = '';
        if (withinGap && code.length >= options.minLength) return { kind: 'scan', code };
        return { kind: 'pass', burstStart: false };
      }
      if (!isPrintable(key)) {
        // Modifier keys (Shift for letters in Code 128) do not break a burst, but other keys do.
        if (key !== 'Shift') buffer = '';
        return { kind: 'pass', burstStart: false };
      }
      const burstStart = !withinGap || buffer === '';
      buffer = withinGap ? buffer + key : key;
      return { kind: 'pass', burstStart };
    },
    reset() {
      buffer = '';
      lastTimeMs = Number.NEGATIVE_INFINITY;
    },
  };
}
