import type { Clock, HealthReport } from '@kiryana/shared';
import type { NetworkStatus } from '@kiryana/sync-client';
import type { Observable } from 'rxjs';

/**
 * Health reports (`POST /v1/fleet/report`): after a sync cycle the terminal tells its server how
 * many facts wait in its push queue and since when, its own clock (the server derives the skew),
 * its version, its last sync error and its last reconciliation's outcome, so the fleet view shows
 * real terminals, not only simulated ones.
 *
 * Bounded: at most one report per sync cycle and per `minGapMs`, never two at once. A cycle inside
 * the gap is folded into one report at the gap's end, so the last state still reaches the server
 * (a queue that just drained shows 0, not the count before). Replication never waits for a report;
 * none is tried while offline, and a failed one is dropped: the next cycle sends a fresh one.
 */

/** The least gap between two reports: a first pull of the catalogue is dozens of cycles. */
const HEALTH_REPORT_MIN_GAP_MS = 10_000;

/** What a report carries beyond the queue length, the clock and the version. */
export type ReportDetails = Pick<
  HealthReport,
  'oldestUnsyncedAt' | 'lastError' | 'lastReconciliation' | 'endpoint'
>;

/** A running reporter. */
export type HealthReports = {
  /** Ends reporting; a report under way finishes on its own. */
  stop(): void;
};

/** Starts reporting with every cycle `cycles$` emits (a pull or push that succeeded). */
export function startHealthReports(options: {
  send(report: HealthReport): Promise<void>;
  countUnsynced(): Promise<number>;
  /** The rest of the terminal's state, read when a report is sent (older reports went without). */
  details?(): Promise<ReportDetails>;
  cycles$: Observable<unknown>;
  network: NetworkStatus;
  clock: Clock;
  appVersion: string;
  minGapMs?: number;
}): HealthReports {
  const minGapMs = options.minGapMs ?? HEALTH_REPORT_MIN_GAP_MS;
  let stopped = false;
  let running = false;
  let again = false;
  let lastMs = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const report = async () => {
    const unsyncedDocuments = await options.countUnsynced();
    const details = (await options.details?.()) ?? {};
    await options.send({
      clientTime: new Date(options.clock.now()).toISOString(),
      unsyncedDocuments,
      appVersion: options.appVersion,
      ...details,
    });
  };
  const cycle = () => {
    if (stopped || !options.network.isOnline()) return;
    if (running) {
      again = true;
      return;
    }
    const waitMs = lastMs + minGapMs - options.clock.now();
    if (waitMs > 0) {
      // The clock may be moved by tests or the OS: never wait longer than one gap.
      timer ??= setTimeout(
        () => {
          timer = undefined;
          cycle();
        },
        Math.min(waitMs, minGapMs),
      );
      return;
    }
    running = true;
    lastMs = options.clock.now();
    report()
      // Offline, refused or revoked: the fleet view shows the last report until the next one.
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          cycle();
        }
      });
  };
  const subscription = options.cycles$.subscribe(cycle);
  return {
    stop() {
      stopped = true;
      subscription.unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
