import { Counter } from 'prom-client';
import type { HttpMetrics } from '../../http/metrics';
import type { RetentionJob } from './retention-job';

/**
 * The retention job's Prometheus metric, read at scrape time: rows this process pruned, by table
 * (webhook attempts go with their deliveries and are not counted apart). Registered in processes
 * with the `jobs` role; only the one that won a run's lock adds to it, so sum over processes.
 */
export function registerRetentionMetrics(
  metrics: Pick<HttpMetrics, 'registry'>,
  deps: { readonly retention: Pick<RetentionJob, 'stats'> },
): void {
  const { retention } = deps;
  new Counter({
    name: 'retention_pruned_rows_total',
    help: 'Rows the retention job of this process deleted, by table.',
    labelNames: ['table'] as const,
    registers: [metrics.registry],
    collect() {
      // The job's totals are the truth; the counter mirrors them (they only ever grow).
      const stats = retention.stats();
      this.reset();
      this.inc({ table: 'webhook_deliveries' }, stats.webhookDeliveries);
      this.inc({ table: 'notifications' }, stats.notifications);
    },
  });
}
