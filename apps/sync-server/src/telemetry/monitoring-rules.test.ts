import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPushRows, insertProducts, insertStores, makeSale } from '../testing/sync-fixtures';
import { type TestDb, postgresOnly } from '../testing/test-databases';
import { readPromql } from './promql-names';
import { type ServerProcess, enrolTestDevice, startServerProcess } from './test-server-process';

const DEPLOY = new URL('../../../../deploy/', import.meta.url);
const ALERTS = fileURLToPath(new URL('prometheus/alerts.yaml', DEPLOY));
const DASHBOARD = fileURLToPath(new URL('grafana/kiryana-dashboard.json', DEPLOY));
const OPERATIONS_DOC = fileURLToPath(new URL('../docs/operations.md', DEPLOY));

type Rule = {
  alert?: unknown;
  expr?: unknown;
  for?: unknown;
  labels?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
};
type Panel = { title?: string; panels?: Panel[]; targets?: { expr?: unknown }[] };

/** Every PromQL expression of the alert rules and of the dashboard's panels, with where it is. */
async function expressions(): Promise<{ where: string; expr: string }[]> {
  const rules = parse(await readFile(ALERTS, 'utf8')) as { groups: { rules: Rule[] }[] };
  const dashboard = JSON.parse(await readFile(DASHBOARD, 'utf8')) as { panels: Panel[] };
  const out: { where: string; expr: string }[] = [];
  for (const group of rules.groups) {
    for (const rule of group.rules)
      out.push({ where: String(rule.alert), expr: String(rule.expr) });
  }
  const visit = (panels: Panel[]) => {
    for (const panel of panels) {
      for (const target of panel.targets ?? []) {
        out.push({ where: `panel "${String(panel.title)}"`, expr: String(target.expr) });
      }
      visit(panel.panels ?? []);
    }
  };
  visit(dashboard.panels);
  return out;
}

/** Metric families and label values of a Prometheus text exposition. */
function parseExposition(text: string): {
  types: Map<string, string>;
  samples: { name: string; labels: Record<string, string>; value: number }[];
} {
  const types = new Map<string, string>();
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type?.[1] && type[2]) types.set(type[1], type[2]);
    const sample = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!sample?.[1]) continue;
    const labels: Record<string, string> = {};
    for (const [, key = '', value = ''] of (sample[2] ?? '').matchAll(
      /(\w+)="((?:[^"\\]|\\.)*)"/g,
    )) {
      labels[key] = value;
    }
    samples.push({ name: sample[1], labels, value: Number(sample[3]) });
  }
  return { types, samples };
}

/** The names in `names` that the exposition does not serve (histogram series by their family). */
function missingNames(names: readonly string[], types: ReadonlyMap<string, string>): string[] {
  return names.filter((name) => {
    if (types.has(name)) return false;
    const series = /^(.+)_(bucket|sum|count)$/.exec(name);
    const family = series?.[1] ? types.get(series[1]) : undefined;
    if (family === 'histogram') return false;
    return !(family === 'summary' && series?.[2] !== 'bucket');
  });
}

describe('alert rules and dashboard files', () => {
  it('are Prometheus rule groups: every rule an alert with expr, for, severity, summary and runbook', async () => {
    const rules = parse(await readFile(ALERTS, 'utf8')) as { groups?: unknown };
    expect(Array.isArray(rules.groups)).toBe(true);
    const groups = rules.groups as { name?: unknown; rules?: Rule[] }[];
    const doc = await readFile(OPERATIONS_DOC, 'utf8');
    const alerts: string[] = [];
    for (const group of groups) {
      expect(typeof group.name).toBe('string');
      expect(group.rules?.length).toBeGreaterThan(0);
      for (const rule of group.rules ?? []) {
        expect(rule.alert).toMatch(/^Kiryana[A-Za-z]+$/);
        alerts.push(String(rule.alert));
        expect(typeof rule.expr).toBe('string');
        expect(rule.for).toMatch(/^\d+[smh]$/);
        expect(['warning', 'critical']).toContain(rule.labels?.severity);
        expect(typeof rule.annotations?.summary).toBe('string');
        // The runbook link points at a heading of docs/operations.md that exists.
        const anchor = /^docs\/operations\.md#(.+)$/.exec(String(rule.annotations?.runbook_url));
        expect(anchor?.[1]).toBe(`alert-${String(rule.alert).toLowerCase()}`);
        expect(doc).toMatch(new RegExp(`^#+ Alert: ${String(rule.alert)}$`, 'm'));
      }
    }
    expect(new Set(alerts).size).toBe(alerts.length);
    // What issue 21 asks alerts for: sync lag, quarantine, outbox relay, replication, errors,
    // silent terminals.
    const exprs = (await expressions()).map((e) => e.expr).join('\n');
    for (const metric of [
      'sync_push_lag_seconds_bucket',
      'sync_quarantine_unresolved',
      'outbox_relay_oldest_pending_seconds',
      'db_replication_lag_seconds',
      'http_requests_total',
      'sync_terminals_silent',
    ]) {
      expect(exprs).toContain(metric);
    }
  });

  it('is a Grafana dashboard on a chosen Prometheus data source', async () => {
    const dashboard = JSON.parse(await readFile(DASHBOARD, 'utf8')) as {
      schemaVersion: number;
      templating: { list: { name: string; type: string }[] };
      panels: (Panel & { datasource?: { uid?: string }; type?: string })[];
    };
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(39);
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource' }),
    );
    const graphs = dashboard.panels.filter((p) => p.type !== 'row');
    expect(graphs.length).toBeGreaterThanOrEqual(12);
    for (const panel of graphs) expect(panel.datasource?.uid).toBe('${datasource}');
  });

  it('would be caught naming a metric that does not exist', () => {
    const types = new Map([
      ['http_request_duration_seconds', 'histogram'],
      ['up_total', 'counter'],
    ]);
    expect(
      missingNames(
        readPromql(
          'sum(rate(http_request_duration_seconds_bucket[5m])) / sum(rate(kiryana_made_up_total[5m])) + up_total_count',
        ).metrics,
        types,
      ),
    ).toEqual(['kiryana_made_up_total', 'up_total_count']);
  });
});

/**
 * Every metric the alert rules and the dashboard read exists in a real server's /metrics (the
 * compiled server, as production runs it, on a real Postgres, after one push), and every route
 * they select by exists as a label value.
 */
describe.each(postgresOnly())('metric names in /metrics ($name)', ({ skip, open }) => {
  let db: TestDb;
  let server: ServerProcess;
  let scraped: ReturnType<typeof parseExposition>;

  beforeAll(async () => {
    if (skip) return;
    db = await open();
    await insertStores(db, 'r-metrics', ['st-metrics']);
    await insertProducts(db, ['p-metrics-1']);
    server = await startServerProcess({
      runner: 'compiled',
      databaseUrl: db.connectionString ?? '',
    });
    const token = await enrolTestDevice(db, server.url, 'st-metrics');
    const sale = makeSale('st-metrics', [{ productId: 'p-metrics-1', qtyBase: 1 }]);
    const pushed = await fetch(`${server.url}/v1/sync/sales/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(asPushRows([sale])),
    });
    expect(pushed.status).toBe(200);
    scraped = parseExposition(await (await fetch(`${server.url}/metrics`)).text());
  }, 60_000);

  afterAll(async () => {
    await (server as ServerProcess | undefined)?.stop();
    await (db as TestDb | undefined)?.close();
  });

  it.skipIf(skip)('serves every metric the alerts and the dashboard name', async () => {
    const all = await expressions();
    expect(all.length).toBeGreaterThan(20);
    const missing = all.flatMap(({ where, expr }) =>
      missingNames(readPromql(expr).metrics, scraped.types).map((name) => `${where}: ${name}`),
    );
    expect(missing).toEqual([]);
    for (const { where, expr } of all) {
      for (const { metric, label, value } of readPromql(expr).matchers) {
        const found = scraped.samples.some((s) => s.name === metric && s.labels[label] === value);
        expect(found, `${where}: ${metric}{${label}="${value}"}`).toBe(true);
      }
    }
  });

  it.skipIf(skip)(
    'counts the push in the sync lag, and reads the fleet gauges from the database',
    () => {
      const value = (name: string) => scraped.samples.find((s) => s.name === name)?.value;
      expect(scraped.types.get('sync_push_lag_seconds')).toBe('histogram');
      expect(value('sync_push_lag_seconds_count')).toBe(1);
      expect(value('sync_terminals_active')).toBe(1);
      expect(value('sync_terminals_silent')).toBe(0);
      expect(value('sync_quarantine_unresolved')).toBe(0);
      // The test Postgres streams to no standby.
      expect(value('db_replication_standbys')).toBe(0);
      expect(value('db_replication_lag_seconds')).toBe(0);
    },
  );
});
