import { describe, expect, it } from 'vitest';
import { promqlEqualityMatchers, promqlMetricNames } from './promql-names';

describe('metric names in PromQL', () => {
  it('keeps metrics, drops functions, labels, grouping, ranges, offsets and variables', () => {
    expect(
      promqlMetricNames(
        'histogram_quantile(0.95, sum by (le, route) (rate(http_request_duration_seconds_bucket{route="/x", instance=~"$instance"}[$__rate_interval])))',
      ),
    ).toEqual(['http_request_duration_seconds_bucket']);
    expect(
      promqlMetricNames(
        'sum(rate(a_total{status=~"5.."}[5m])) / sum(rate(a_total[5m])) > 0.02 and on(instance) b offset 1h',
      ),
    ).toEqual(['a_total', 'b']);
    expect(promqlMetricNames('(max(outbox_relay_leader) or vector(0)) < 1')).toEqual([
      'outbox_relay_leader',
    ]);
    expect(promqlMetricNames('max(delta(sync_quarantine_unresolved[1h])) > 0')).toEqual([
      'sync_quarantine_unresolved',
    ]);
  });

  it('finds literal equality matchers only', () => {
    expect(
      promqlEqualityMatchers(
        'rate(x_total{route="/v1/p", status!="200", method=~"G.*", i="$i"}[1m])',
      ),
    ).toEqual([{ metric: 'x_total', label: 'route', value: '/v1/p' }]);
  });
});
