import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli';
import { parseEnv } from './env';
import { serverChildEnv } from './testing/test-env';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

type Listening = { url: string; enrolment: { code: string; storeCode: string } };

const METRICS_TOKEN = 'server-test-metrics-token-0123';

/** The enrolment code and store in the console banner (stderr), where demo secrets go. */
const BANNER_ENROLMENT = /enrolment code\s+([0-9A-Z]{5}-[0-9A-Z]{5})\s+\(store (\w+),/;
/** The HQ integration's client secret in the banner. */
const BANNER_CLIENT_SECRET = /client secret\s+(\S+)/;

/**
 * The real thing a new user runs: `tsx src/server.ts` as its own process on a fresh PGlite folder
 * and a random port, as `pnpm start` does.
 */
describe('sync server process', () => {
  let dir: string;
  let child: ChildProcess;
  let listening: Listening;
  let exited: Promise<number | null>;
  let stderr = '';
  const stdoutLines: string[] = [];
  let metricsUrl = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiryana-server-'));
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: APP_DIR,
      env: {
        ...serverChildEnv(),
        DATA_DIR: dir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        NODE_ENV: 'development',
        // /metrics closed both ways: a token, and a listener of its own on a random port.
        METRICS_TOKEN: METRICS_TOKEN,
        METRICS_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((resolve) => child.once('exit', resolve));
    listening = await new Promise<Listening>((resolve, reject) => {
      let url: string | undefined;
      // The JSON log says where the server listens; the banner after it holds the demo code.
      const check = () => {
        const banner = BANNER_ENROLMENT.exec(stderr);
        if (url && banner?.[1] && banner[2]) {
          clearTimeout(timer);
          resolve({ url, enrolment: { code: banner[1], storeCode: banner[2] } });
        }
      };
      const timer = setTimeout(() => {
        reject(new Error(`server did not start:\n${stderr}`));
      }, 90_000);
      void exited.then((code) => {
        reject(new Error(`server exited with ${String(code)}:\n${stderr}`));
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        check();
      });
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
        stdoutLines.push(line);
        const log = JSON.parse(line) as { msg?: string; url?: string; port?: number };
        if (log.msg === 'sync server listening') url = log.url;
        if (log.msg === 'metrics listening') metricsUrl = `http://127.0.0.1:${String(log.port)}`;
        check();
      });
    });
  }, 100_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  const post = async (path: string, body: unknown, token?: string) =>
    fetch(`${listening.url}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });

  async function enrol(code: string): Promise<string> {
    const enrolled = (await (
      await post('/v1/devices/enroll', { code, terminalName: 'Till' })
    ).json()) as {
      deviceId: string;
      deviceSecret: string;
    };
    const res = await post('/v1/devices/token', {
      deviceId: enrolled.deviceId,
      secret: enrolled.deviceSecret,
    });
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  it('serves /healthz and /docs, and prints an enrolment code of the demo store', async () => {
    expect(listening.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(listening.enrolment.storeCode).toBe('BLR1');
    const health = await fetch(`${listening.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const docs = await fetch(`${listening.url}/docs`);
    expect(await docs.text()).toContain('Kiryana sync server');
    expect(existsSync(join(dir, 'server.json'))).toBe(true);
  });

  it('prints demo secrets in the console banner only, never into the JSON log stream', async () => {
    const clientSecret = BANNER_CLIENT_SECRET.exec(stderr)?.[1] ?? '';
    expect(clientSecret).toMatch(/^\S{20,}$/);
    expect(stderr).toContain('kiryana-demo');
    // The secret in the banner is the real one: it gets the integration a token.
    const token = await fetch(`${listening.url}/oidc/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`hq-erp-demo:${clientSecret}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials&scope=api',
    });
    expect(token.status).toBe(200);
    expect(stdoutLines.length).toBeGreaterThan(3);
    for (const line of stdoutLines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    const log = stdoutLines.join('\n');
    for (const secret of [clientSecret, listening.enrolment.code, 'kiryana-demo']) {
      expect(log).not.toContain(secret);
    }
  });

  it('serves /metrics only on its own listener, and only to the bearer of METRICS_TOKEN', async () => {
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(metricsUrl).not.toBe(listening.url);
    await fetch(`${listening.url}/healthz`);
    const onApi = await fetch(`${listening.url}/metrics`, {
      headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(onApi.status).toBe(404);
    expect((await fetch(`${metricsUrl}/metrics`)).status).toBe(401);
    const scraped = await fetch(`${metricsUrl}/metrics`, {
      headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/^http_requests_total\{method="GET",route="\/healthz"/m);
  });

  it('lets the printed code enrol a terminal that pulls the demo catalogue of its store', async () => {
    const token = await enrol(listening.enrolment.code);
    const get = (path: string) =>
      fetch(`${listening.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    const products = (await (await get('/v1/sync/products/pull?limit=1000')).json()) as {
      documents: { nameHi: string }[];
    };
    expect(products.documents).toHaveLength(1000);
    const levels = (await (await get('/v1/sync/stock-levels/pull?limit=1000')).json()) as {
      documents: { storeId: string }[];
    };
    expect(new Set(levels.documents.map((d) => d.storeId))).toEqual(new Set(['st-blr1']));
  });

  it('lets `pnpm cli enroll` reach the running server instead of opening its database', async () => {
    const out: string[] = [];
    const code = await runCli(['enroll', 'DEL1'], {
      env: parseEnv({ DATA_DIR: dir }),
      out: (line) => out.push(line),
      err: (line) => out.push(line),
    });
    expect(code).toBe(0);
    const enrolmentCode = /: ([0-9A-Z]{5}-[0-9A-Z]{5})$/.exec(out[0] ?? '')?.[1] ?? '';
    const token = await enrol(enrolmentCode);
    const state = await fetch(`${listening.url}/v1/sync/state`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(((await state.json()) as { storeId: string }).storeId).toBe('st-del1');
  });

  it('shuts down on SIGTERM with an event stream open, and releases the data folder', async () => {
    const token = await enrol(await newCode());
    const stream = await fetch(`${listening.url}/v1/sync/stream`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: resync');
    const metrics = await (
      await fetch(`${metricsUrl}/metrics`, {
        headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
      })
    ).text();
    expect(metrics).toMatch(/^sync_streams_open 1$/m);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(join(dir, 'server.json'))).toBe(false);
  }, 30_000);

  async function newCode(): Promise<string> {
    const out: string[] = [];
    await runCli(['enroll', 'BLR1'], {
      env: parseEnv({ DATA_DIR: dir }),
      out: (l) => out.push(l),
      err: (l) => out.push(l),
    });
    return /: ([0-9A-Z]{5}-[0-9A-Z]{5})$/.exec(out[0] ?? '')?.[1] ?? '';
  }
});
