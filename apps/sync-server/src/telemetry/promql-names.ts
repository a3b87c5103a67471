/**
 * The metric names a PromQL expression reads, for checking alert rules and dashboards against
 * what /metrics serves. A small tokenizer, not a parser: it drops strings, label matchers,
 * grouping clauses, ranges, offsets and Grafana variables, then keeps every identifier that is
 * not a function call or a keyword. Good enough for the expressions we write; a construct it does
 * not know shows up as a name that does not exist, and the test fails loudly.
 */
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const OPERATORS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'atan2']);

export function promqlMetricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\boffset\s+-?\w+/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[A-Za-z_:][\w:]*/g)) {
    const name = match[0];
    const after = stripped.slice(match.index + name.length);
    if (/^\s*\(/.test(after)) continue;
    if (KEYWORDS.has(name) || OPERATORS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names];
}

/** The `name{label="value"}` equality matchers of an expression (values with no variables). */
export function promqlEqualityMatchers(
  expr: string,
): { metric: string; label: string; value: string }[] {
  const out: { metric: string; label: string; value: string }[] = [];
  for (const [, metric = '', body = ''] of expr.matchAll(/([A-Za-z_:][\w:]*)\s*\{([^}]*)\}/g)) {
    for (const [, label = '', op, value = ''] of body.matchAll(
      /(\w+)\s*(=~|!~|!=|=)\s*"([^"]*)"/g,
    )) {
      if (op === '=' && !value.includes('$')) out.push({ metric, label, value });
    }
  }
  return out;
}
