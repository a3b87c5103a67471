import { parser } from '@prometheus-io/lezer-promql';

/** What a PromQL expression reads: metric names and the literal `label="value"` matchers on them. */
export type PromqlReads = {
  readonly metrics: string[];
  readonly matchers: { metric: string; label: string; value: string }[];
};

/** Grafana's interval variables, which are not PromQL, as a duration the parser accepts. */
const GRAFANA_INTERVALS = /\$__(?:rate_interval|interval|range)\b/g;

/**
 * Parses an alert's or a panel's expression with Prometheus' own grammar (the one its web UI
 * uses) and answers the metrics its selectors read and their equality matchers with literal
 * values. Throws on a syntax error, so a rule Prometheus would refuse fails the test too.
 */
export function readPromql(expr: string): PromqlReads {
  const source = expr.replace(GRAFANA_INTERVALS, '5m');
  const metrics = new Set<string>();
  const matchers: PromqlReads['matchers'] = [];
  const text = (node: { from: number; to: number }) => source.slice(node.from, node.to);
  const cursor = parser.parse(source).cursor();
  do {
    if (cursor.type.isError) {
      throw new Error(`PromQL syntax error at ${String(cursor.from)} in: ${expr}`);
    }
    if (cursor.name !== 'VectorSelector') continue;
    const selector = cursor.node;
    const identifier = selector.getChild('Identifier');
    const metric = identifier ? text(identifier) : '';
    if (metric) metrics.add(metric);
    for (const matcher of selector.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ??
      []) {
      const label = matcher.getChild('LabelName');
      const op = matcher.getChild('MatchOp');
      const literal = matcher.getChild('StringLiteral');
      if (!label || !op || !literal || text(op) !== '=') continue;
      // Our rules quote with " and use no escapes: the literal less its quotes is the value.
      const value = text(literal).slice(1, -1);
      // A Grafana variable ($instance) is no literal: the dashboard fills it in.
      if (!value.includes('$')) matchers.push({ metric, label: text(label), value });
    }
  } while (cursor.next());
  return { metrics: [...metrics], matchers };
}
