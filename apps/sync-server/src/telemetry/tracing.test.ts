import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode } from '../features/devices/device.service';
import { asPushRows, insertProducts, insertStores, makeSale } from '../testing/sync-fixtures';
import { type TestDb, postgresOnly } from '../testing/test-databases';
import { ensureServerBuild } from '../testing/server-build';
import { serverChildEnv } from '../testing/test-env';
import { REQUEST_ID_ATTRIBUTE } from './active-trace';
import { type ReceivedSpan, startOtlpReceiver } from './otlp-test-receiver';
import { DEFAULT_SERVICE_NAME } from './tracing-env';

const APP_DIR = fileURLToPath(new URL('../..', import.meta.url));
const REQUEST_ID = `r-123-${String(process.pid)}`;
const SERVER_KIND = 2;

/**
 * The whole path of a trace, on real parts: a server process started the way production starts it
 * (`node --import dist/telemetry.mjs dist/server.mjs`), and the way development does (tsx and
 * src/telemetry/register.ts), on a real Postgres, exporting over
 * OTLP/HTTP to a collector stand-in. A sale pushed with a gateway's X-Request-Id must come back as
 * one trace: the push's server span carrying the request id, the SQL below it, and the request's
 * log line naming the same trace.
 */
const RUNS = postgresOnly().flatMap((database) =>
  (['compiled', 'tsx'] as const).map((runner) => ({ ...database, runner })),
);

/** `node` arguments of the production command (compiled) and of the source one (tsx). */
async function serverCommand(runner: 'compiled' | 'tsx'): Promise<string[]> {
  if (runner === 'tsx') {
    return ['--import', 'tsx', '--import', './src/telemetry/register.ts', 'src/server.ts'];
  }
  const server = await ensureServerBuild();
  return ['--import', join(dirname(server), 'telemetry.mjs'), server];
}

describe.each(RUNS)('tracing of a push ($runner, $name)', ({ skip, open, runner }) => {
  let db: TestDb;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let dataDir: string;
  let child: ChildProcess | undefined;
  let url = '';
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    if (skip) return;
    db = await open();
    await insertStores(db, 'r-otel', ['st-otel']);
    await insertProducts(db, ['p-otel-1']);
    receiver = await startOtlpReceiver();
    dataDir = await mkdtemp(join(tmpdir(), 'kiryana-otel-'));
    const { DATABASE_URL: _unused, ...env } = serverChildEnv();
    child = spawn(process.execPath, await serverCommand(runner), {
      cwd: APP_DIR,
      env: {
        ...env,
        DATABASE_URL: db.connectionString,
        DATA_DIR: dataDir,
        SEED_DEMO: 'false',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        NODE_ENV: 'development',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_SERVICE_NAME: '',
        // No batch leaves on its own during the test: the spans arrive only because a stopping
        // server flushes them (else the last requests' traces would be lost on every restart).
        OTEL_BSP_SCHEDULE_DELAY: '600000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`no start:\n${stderr}`));
      }, 50_000);
      child?.once('exit', (code) => {
        reject(new Error(`exited ${String(code)}:\n${stderr}`));
      });
      createInterface({ input: child?.stdout as NodeJS.ReadableStream }).on('line', (line) => {
        const log = JSON.parse(line) as Record<string, unknown>;
        logLines.push(log);
        if (log.msg === 'sync server listening' && typeof log.url === 'string') {
          clearTimeout(timer);
          resolve(log.url);
        }
      });
    });
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    // Unset when the suite skips (no Postgres): beforeAll returned early.
    const started = receiver as typeof receiver | undefined;
    await started?.close();
    await (db as TestDb | undefined)?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function deviceToken(): Promise<string> {
    const storeCode = (
      await db.query<{ code: string }>(`SELECT code FROM stores WHERE id = 'st-otel'`)
    ).rows[0]?.code;
    const { code } = await createEnrolmentCode(
      { db, clock: { now: () => Date.now() } },
      storeCode ?? '',
    );
    const post = async (path: string, body: unknown) =>
      (await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((res) => res.json())) as Record<string, string>;
    const enrolled = await post('/v1/devices/enroll', { code, terminalName: 'Till' });
    const token = await post('/v1/devices/token', {
      deviceId: enrolled.deviceId,
      secret: enrolled.deviceSecret,
    });
    return token.accessToken ?? '';
  }

  it.skipIf(skip)(
    "follows a push from the gateway's request id to its SQL, and its log line names the trace",
    async () => {
      const token = await deviceToken();
      const sale = makeSale('st-otel', [{ productId: 'p-otel-1', qtyBase: 2 }]);
      const pushed = await fetch(`${url}/v1/sync/sales/push`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'x-request-id': REQUEST_ID,
        },
        body: JSON.stringify(asPushRows([sale])),
      });
      expect(pushed.status).toBe(200);
      expect(await pushed.json()).toEqual([]);

      expect(receiver.spans).toEqual([]);
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child?.kill('SIGTERM');
      expect(await exited).toBe(0);

      const push = receiver.spans.find((s) => s.attributes[REQUEST_ID_ATTRIBUTE] === REQUEST_ID);
      if (!push)
        throw new Error(`no span with the request id among ${String(receiver.spans.length)}`);
      const queries = receiver.spans.filter((s) => s.traceId === push.traceId && sqlOf(s) !== '');
      // Exactly one span for the sale's INSERT: pg patched once, not twice by two hooks.
      expect(queries.filter((s) => /\bINSERT INTO sales\b/.test(sqlOf(s)))).toHaveLength(1);
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

      const requestLine = logLines.find((l) => l.msg === 'request' && l.requestId === REQUEST_ID);
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
