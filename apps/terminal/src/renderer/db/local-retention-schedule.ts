import type { Clock } from '@kiryana/shared';
import type { TerminalDatabase } from './database';
import { pruneLocalHistory, type RetentionOutcome } from './local-retention';

/**
 * When local history retention runs (local-retention.ts): once after a cashier signs in, when
 * the renderer is idle, then once a day while the terminal is up. Each batch waits for idle time
 * again, so a run never holds the storage while a bill is being completed.
 */

const DAY_MS = 86_400_000;
/** Longest wait for idle time before a batch runs anyway (a till that is never idle still prunes). */
const IDLE_TIMEOUT_MS = 5_000;

/** Resolves when the renderer is idle (requestIdleCallback), or after a timeout where there is none. */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') {
      requestIdleCallback(
        () => {
          resolve();
        },
        { timeout: IDLE_TIMEOUT_MS },
      );
    } else {
      setTimeout(resolve, 0);
    }
  });
}

/** A running schedule. */
export type RetentionSchedule = {
  /** Starts the first run (idempotent): called when a cashier has signed in. */
  start(): void;
  stop(): void;
};

/** Schedules retention runs; `settings` is read at each run, so a changed window applies next. */
export function scheduleLocalRetention(options: {
  readonly db: TerminalDatabase;
  readonly clock: Clock;
  readonly retentionDays: () => Promise<number>;
  readonly timeZone: () => string | undefined;
  readonly onRun?: (outcome: RetentionOutcome) => void;
  readonly onError?: (error: unknown) => void;
}): RetentionSchedule {
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;
  // Read through a call: TypeScript would narrow the flag across the await below.
  const isStopped = () => stopped;
  let running = false;
  const run = async () => {
    if (running || isStopped()) return;
    running = true;
    try {
      await whenIdle();
      // Stopped while waiting (unbind): the database may be closing.
      if (isStopped()) return;
      const outcome = await pruneLocalHistory(options.db, {
        nowMs: options.clock.now(),
        retentionDays: await options.retentionDays(),
        ...(options.timeZone() === undefined ? {} : { timeZone: options.timeZone() }),
        pause: whenIdle,
      });
      options.onRun?.(outcome);
    } catch (error) {
      // A closed database (unbind, reload) or a storage error: the next day tries again.
      options.onError?.(error);
    } finally {
      running = false;
    }
  };
  return {
    start() {
      if (timer !== undefined || isStopped()) return;
      timer = setInterval(() => void run(), DAY_MS);
      void run();
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearInterval(timer);
    },
  };
}
