import { describe, expect, it } from 'vitest';
import { readPromql } from './promql-names';

describe('what a PromQL expression reads', () => {
  it('is the metrics of its selectors, not functions, labels, grouping, ranges or offsets', () => {
    expect(
      readPromql(
        'histogram_quantile(0.95, sum by (le, route) (rate(http_request_duration_seconds_bucket{route="/x", instance=~"$instance"}[$__rate_interval])))',
      ).metrics,
    ).toEqual(['http_request_duration_seconds_bucket']);
    expect(
      readPromql(
        'sum(rate(a_total{status=~"5.."}[5m])) / sum(rate(a_total[5m])) > 0.02 and on(instance) b offset 1h',
      ).metrics,
    ).toEqual(['a_total', 'b']);
    expect(readPromql('(max(outbox_relay_leader) or vector(0)) < 1').metrics).toEqual([
      'outbox_relay_leader',
    ]);
  });

  it('and the literal equality matchers on them', () => {
    expect(
      readPromql('rate(x_total{route="/v1/p", status!="200", method=~"G.*", i="$i"}[1m])').matchers,
    ).toEqual([{ metric: 'x_total', label: 'route', value: '/v1/p' }]);
  });

  it('refuses what Prometheus would refuse', () => {
    expect(() => readPromql('rate(x_total[5m')).toThrow(/syntax error/);
    expect(() => readPromql('sum(rate(x_total[5m])) >')).toThrow(/syntax error/);
  });
});
