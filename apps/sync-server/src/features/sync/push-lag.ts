import type { Clock } from '@kiryana/shared';
import type { HttpMetrics } from '../../http/metrics';

/**
 * Seconds, from "on time" to "a terminal was offline for days": terminals work offline by design,
 * so the tail is long and the alert looks at the median and the 95th percentile, not the maximum.
 */
const PUSH_LAG_BUCKETS = [1, 5, 15, 60, 300, 900, 1800, 3600, 14_400, 86_400, 259_200];

/** A pushed document as far as its lag goes: when the till made it (ISO time). */
type Dated = { readonly createdAt?: unknown; readonly _deleted?: boolean };

/**
 * The sync lag: how old each pushed document (sale, movement) was when the server received it,
 * its `createdAt` at the till against the server's clock, as the histogram `sync_push_lag_seconds`.
 * It is how far HQ's figures trail the shops. A till clock ahead of the server's counts as 0; a
 * retried push counts again (it is late again).
 */
export function pushLagRecorder(
  metrics: Pick<HttpMetrics, 'addHistogram'>,
  clock: Clock,
): (docs: readonly object[]) => void {
  const observe = metrics.addHistogram(
    'sync_push_lag_seconds',
    'Age of a pushed document (its createdAt at the till) when the server received it.',
    PUSH_LAG_BUCKETS,
  );
  return (docs) => {
    const nowMs = clock.now();
    for (const { createdAt, _deleted } of docs as readonly Dated[]) {
      if (_deleted || typeof createdAt !== 'string') continue;
      const createdMs = Date.parse(createdAt);
      if (!Number.isNaN(createdMs)) observe(Math.max(0, (nowMs - createdMs) / 1000));
    }
  };
}
