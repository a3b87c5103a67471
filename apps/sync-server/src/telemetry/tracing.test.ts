import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPushRows, insertProducts, insertStores, makeSale } from '../testing/sync-fixtures';
import { type TestDb, postgresOnly } from '../testing/test-databases';
import { REQUEST_ID_ATTRIBUTE } from './active-trace';
import { type ReceivedSpan, startOtlpReceiver } from './otlp-test-receiver';
import { type ServerProcess, enrolTestDevice, startServerProcess } from './test-server-process';
import { DEFAULT_SERVICE_NAME } from './tracing-env';

const REQUEST_ID = `r-123-${String(process.pid)}`;
/** A W3C trace context as a gateway or a terminal would send it: the push continues that trace. */
const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
const SERVER_KIND = 2;

const RUNS = postgresOnly().flatMap((database) =>
  (['compiled', 'tsx'] as const).map((runner) => ({ ...database, runner })),
);

/**
 * The whole path of a trace, on real parts: a server process started the way production starts it
 * (`node --import dist/telemetry.mjs dist/server.mjs`), and the way development does (tsx and
 * src/telemetry/register.ts), on a real Postgres, exporting over OTLP/HTTP to a collector
 * stand-in. A sale pushed with a gateway's X-Request-Id must come back as one trace: the push's
 * server span carrying the request id, the SQL below it, and the request's log line naming the
 * same trace.
 */
describe.each(RUNS)('tracing of a push ($runner, $name)', ({ skip, open, runner }) => {
  let db: TestDb;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let server: ServerProcess;

  beforeAll(async () => {
    if (skip) return;
    db = await open();
    await insertStores(db, 'r-otel', ['st-otel']);
    await insertProducts(db, ['p-otel-1']);
    receiver = await startOtlpReceiver();
    server = await startServerProcess({
      runner,
      databaseUrl: db.connectionString ?? '',
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_SERVICE_NAME: '',
        // No batch leaves on its own during the test: the spans arrive only because a stopping
        // server flushes them (else the last requests' traces would be lost on every restart).
        OTEL_BSP_SCHEDULE_DELAY: '600000',
      },
    });
  }, 60_000);

  afterAll(async () => {
    // Unset when the suite skips (no Postgres): beforeAll returned early.
    await (server as ServerProcess | undefined)?.stop();
    const started = receiver as typeof receiver | undefined;
    await started?.close();
    await (db as TestDb | undefined)?.close();
  });

  it.skipIf(skip)(
    "follows a push from the gateway's request id to its SQL, and its log line names the trace",
    async () => {
      const token = await enrolTestDevice(db, server.url, 'st-otel');
      const sale = makeSale('st-otel', [{ productId: 'p-otel-1', qtyBase: 2 }]);
      const pushed = await fetch(`${server.url}/v1/sync/sales/push`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'x-request-id': REQUEST_ID,
          traceparent: `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01`,
        },
        body: JSON.stringify(asPushRows([sale])),
      });
      expect(pushed.status).toBe(200);
      expect(await pushed.json()).toEqual([]);
      expect(receiver.spans).toEqual([]);
      expect(await server.stop()).toBe(0);

      const push = receiver.spans.find((s) => s.attributes[REQUEST_ID_ATTRIBUTE] === REQUEST_ID);
      if (!push)
        throw new Error(`no span with the request id among ${String(receiver.spans.length)}`);
      const queries = receiver.spans.filter((s) => s.traceId === push.traceId && sqlOf(s) !== '');
      // Exactly one span for the sale's INSERT: pg patched once, not twice by two hooks.
      expect(queries.filter((s) => /\bINSERT INTO sales\b/.test(sqlOf(s)))).toHaveLength(1);
      // The caller's trace goes on through the server (one OpenTelemetry API for the SDK and
      // @hono/otel: with two, the middleware's propagator would be a no-op and start a new trace).
      expect(push.traceId).toBe(CALLER_TRACE_ID);
      expect(push.parentSpanId).toBe(CALLER_SPAN_ID);
      expect(push.kind).toBe(SERVER_KIND);
      expect(push.name).toBe('POST /v1/sync/:collection/push');
      expect(push.scope).toBe('@hono/otel');
      expect(push.attributes['http.response.status_code']).toBe(200);
      expect(push.resource['service.name']).toBe(DEFAULT_SERVICE_NAME);

      // Every query of the push, the sale's INSERT among them, hangs below the push's span
      // (through pg's pool spans, whatever their depth), not beside it in the same trace by chance.
      const byId = new Map(receiver.spans.map((s) => [s.spanId, s]));
      for (const query of queries) {
        expect(query.scope).toBe('@opentelemetry/instrumentation-pg');
        const ancestors: string[] = [];
        for (let at = query.parentSpanId; at; at = byId.get(at)?.parentSpanId) ancestors.push(at);
        expect(ancestors).toContain(push.spanId);
      }

      const requestLine = server.logLines.find(
        (l) => l.msg === 'request' && l.requestId === REQUEST_ID,
      );
      expect(requestLine).toMatchObject({ traceId: push.traceId, path: '/v1/sync/sales/push' });
      expect(requestLine?.spanId).toMatch(/^[0-9a-f]{16}$/);
      // Traces only: no metrics or logs were configured, so none are sent.
      expect(new Set(receiver.paths)).toEqual(new Set(['/v1/traces']));
    },
    60_000,
  );
});

/** The SQL of a pg span, under the attribute of either semantic-conventions generation. */
function sqlOf(span: ReceivedSpan): string {
  const text = span.attributes['db.query.text'] ?? span.attributes['db.statement'];
  return typeof text === 'string' ? text : '';
}
