import type { Queryable } from '../../db/db';
import type { HttpMetrics } from '../../http/metrics';
import type { OutboxRelay } from './outbox-relay';
import { readOutboxBacklog } from './outbox-read.queries';

/**
 * The outbox relay's Prometheus metrics, read at scrape time: whether this process leads, what it
 * published and pruned, and the deployment's backlog (the same figures on every process, read
 * from the database; alert on the maximum over processes).
 */
export function registerRelayMetrics(
  metrics: Pick<HttpMetrics, 'addGauge' | 'addCounter'>,
  deps: { readonly db: Queryable; readonly relay: Pick<OutboxRelay, 'stats'> },
): void {
  const { db, relay } = deps;
  metrics.addGauge(
    'outbox_relay_leader',
    '1 while this process runs the outbox relay (holds its lock), else 0.',
    () => (relay.stats().leading ? 1 : 0),
  );
  metrics.addCounter(
    'outbox_relay_events_published_total',
    'Events this process published to the bus (republished ones included).',
    () => relay.stats().published,
  );
  metrics.addCounter(
    'outbox_relay_rows_pruned_total',
    'Published outbox rows this process deleted after the retention.',
    () => relay.stats().pruned,
  );
  metrics.addGauge(
    'outbox_relay_pending_events',
    'Outbox numbers not yet published, over every stream (an upper bound: unused numbers count).',
    async () => (await readOutboxBacklog(db)).pending,
  );
  metrics.addGauge(
    'outbox_relay_oldest_pending_seconds',
    'Age of the oldest outbox row not yet published; 0 when none waits.',
    async () => (await readOutboxBacklog(db)).oldestAgeSeconds,
  );
}
