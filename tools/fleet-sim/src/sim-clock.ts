import type { Clock } from '@kiryana/shared';

/**
 * The terminal's injected clock. It runs `offsetMs` behind real time; a long-offline terminal
 * starts days behind and catches up bill by bill, so its clock moves forward through a week while
 * the test takes seconds, and stands at real time again when it reconnects.
 */
export type SimClock = Clock & {
  /** How far behind real time the clock stands, in milliseconds. */
  setOffsetMs(offsetMs: number): void;
};

/** A clock `offsetMs` behind the real one. */
export function createSimClock(offsetMs = 0): SimClock {
  let offset = offsetMs;
  let last = 0;
  return {
    // Never backwards: a clock that catches up must not give a later bill an earlier time.
    now: () => {
      last = Math.max(last, Date.now() - offset);
      return last;
    },
    setOffsetMs: (ms) => {
      offset = ms;
    },
  };
}
