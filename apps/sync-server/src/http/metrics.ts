import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppEnv, LiveHub } from './app-env';

/** Prometheus metrics of one app instance: its own registry, so tests and processes never share. */
export type HttpMetrics = {
  readonly registry: Registry;
  readonly middleware: MiddlewareHandler<AppEnv>;
  /**
   * Adds a gauge read at scrape time (e.g. open event streams), so the owner of the number keeps
   * it and the metrics module never has to be told about each change. A read may query (answer a
   * promise); one that fails leaves the gauge at its last value rather than failing the scrape.
   */
  addGauge(name: string, help: string, read: () => number | Promise<number>): void;
  /** Adds a counter read at scrape time: `read` answers the running total its owner keeps. */
  addCounter(name: string, help: string, read: () => number): void;
  /** Adds a histogram its owner feeds one observation at a time (e.g. sync lag per document). */
  addHistogram(name: string, help: string, buckets: readonly number[]): (value: number) => void;
};

/** Latency buckets in seconds: pulls and pushes are tens of ms; slow pages show past 1 s. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Creates the registry with process metrics and request counters/histograms by route pattern. */
export function createHttpMetrics(): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to the response headers, by method, route pattern and status.',
    labelNames,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'http_requests_in_flight',
    help: 'Requests being handled now (event streams count until their headers are sent).',
    registers: [registry],
  });

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const end = duration.startTimer();
    inFlight.inc();
    try {
      await next();
    } finally {
      inFlight.dec();
      // Route patterns, never raw paths: ids in paths would make the label set unbounded.
      const labels = { method: c.req.method, route: routeLabel(c), status: String(c.res.status) };
      requests.inc(labels);
      end(labels);
    }
  };

  return {
    registry,
    middleware,
    addGauge(name, help, read) {
      new Gauge({
        name,
        help,
        registers: [registry],
        async collect() {
          try {
            this.set(await read());
          } catch {
            // The last value stays: a scrape must not fail because one source is away.
          }
        },
      });
    },
    addCounter(name, help, read) {
      new Counter({
        name,
        help,
        registers: [registry],
        collect() {
          // The owner's total is the truth; the counter mirrors it (it only ever grows).
          this.reset();
          this.inc(read());
        },
      });
    },
    addHistogram(name, help, buckets) {
      const histogram = new Histogram({ name, help, buckets: [...buckets], registers: [registry] });
      return (value) => {
        histogram.observe(value);
      };
    },
  };
}

function routeLabel(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  const route = matchedRoutes(c).at(c.req.routeIndex);
  if (!route || (route.method === 'ALL' && c.res.status === 404)) return 'unmatched';
  return route.path;
}

/** The hub, with an `sync_streams_open` gauge of its live subscriptions (one per open stream). */
export function countingLiveHub(live: LiveHub, metrics: HttpMetrics): LiveHub {
  let open = 0;
  metrics.addGauge('sync_streams_open', 'Event streams open on this process.', () => open);
  return {
    publish: (scope, collection, seq) => live.publish(scope, collection, seq),
    subscribe(storeId, onPoke, onResync) {
      const unsubscribe = live.subscribe(storeId, onPoke, onResync);
      open += 1;
      let done = false;
      return () => {
        if (!done) {
          done = true;
          open -= 1;
        }
        unsubscribe();
      };
    },
    watchDevice: (deviceId, onRevoked) =>
      live.watchDevice?.(deviceId, onRevoked) ?? (() => undefined),
    close: () => live.close(),
  };
}
