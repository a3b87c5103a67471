/**
 * `pnpm bench`: what 2,000 open terminal event streams cost the sync server. The same steady,
 * jittered pushes (Poisson arrivals, 5 sales each) run twice against a server process: first with
 * no stream open (the baseline), then with 2,000 streams open (20 terminals in each of 100 stores,
 * every push poking the 20 streams of its store). Prints p50/p99 push latency of both and their
 * ratio, memory per open stream (server RSS and heap before/after), and errors. Needs Postgres
 * (TEST_PG_URL or DATABASE_URL); runs in a database it creates and drops. BENCH_STREAMS and
 * BENCH_PUSHES change the sizes.
 */
import { randomBytes } from 'node:crypto';
import { Agent, type ClientRequest, request } from 'node:http';
import { businessDate } from '@kiryana/shared';
import { deriveDeviceTokenKey } from '../src/auth/device-token';
import { insertProducts, insertStores, makeSale } from '../src/testing/sync-fixtures';
import {
  type TestDevice,
  createTestApp,
  createTestDeps,
  enrolTestDevice,
} from '../src/testing/sync-test-app';
import { openTestPostgres } from '../src/testing/test-databases';
import { benchPgUrl, benchSizes } from './bench-env';
import { type BenchServer, percentile, startBenchServer } from './bench-server';

const STREAMS = benchSizes.streams;
const STORES = 100;
const PUSHERS = 20;
const PUSHES = benchSizes.pushes;
const PUSHES_PER_SECOND = 40;
const SALES_PER_PUSH = 5;
const PRODUCTS = Array.from({ length: 200 }, (_, i) => `sp${String(i).padStart(3, '0')}`);

let seed = 42;
function random(): number {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
  return seed / 4_294_967_296;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Pushes at Poisson arrivals from the pushing terminals; resolves with each push's latency. */
async function pushPhase(
  server: BenchServer,
  pushers: readonly TestDevice[],
  count: number,
): Promise<{ latencies: number[]; errors: number }> {
  const today = businessDate(new Date());
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const device = pushers[i % pushers.length];
    if (!device) break;
    const storeId = device.principal.storeId;
    const body = JSON.stringify(
      Array.from({ length: SALES_PER_PUSH }, () => ({
        newDocumentState: makeSale(
          storeId,
          [{ productId: PRODUCTS[Math.floor(random() * PRODUCTS.length)] ?? 'sp000', qtyBase: 1 }],
          {
            businessDate: today,
            createdAt: new Date().toISOString(),
            terminalId: device.principal.deviceId,
          },
        ),
      })),
    );
    inFlight.push(
      (async () => {
        const started = performance.now();
        try {
          const response = await fetch(`${server.url}/v1/sync/sales/push`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${device.token}`,
              'content-type': 'application/json',
            },
            body,
          });
          const conflicts = (await response.json()) as unknown[];
          if (response.status !== 200 || conflicts.length > 0) errors += 1;
          else latencies.push(performance.now() - started);
        } catch {
          errors += 1;
        }
      })(),
    );
    await sleep(-Math.log(1 - random()) * (1000 / PUSHES_PER_SECOND));
  }
  await Promise.all(inFlight);
  return { latencies, errors };
}

/** Opens `devices.length` streams; resolves once each heard its opening `resync`. */
async function openStreams(
  server: BenchServer,
  devices: readonly TestDevice[],
): Promise<{ close: () => void; errors: () => number; pokes: () => number }> {
  const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const requests: ClientRequest[] = [];
  let errors = 0;
  let pokes = 0;
  let closing = false;
  const open = (device: TestDevice) =>
    new Promise<void>((resolve) => {
      let connected = false;
      const req = request(
        `${server.url}/v1/sync/stream`,
        {
          agent,
          headers: { authorization: `Bearer ${device.token}`, accept: 'text/event-stream' },
        },
        (res) => {
          if (res.statusCode !== 200) {
            errors += 1;
            resolve();
          }
          res.setEncoding('utf8');
          res.on('data', (text: string) => {
            pokes += text.split('event: poke').length - 1;
            if (!connected && text.includes('event: resync')) {
              connected = true;
              resolve();
            }
          });
          res.on('close', () => {
            if (!closing) errors += 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        if (!closing) errors += 1;
        resolve();
      });
      req.end();
      requests.push(req);
    });
  for (let i = 0; i < devices.length; i += 100) {
    await Promise.all(devices.slice(i, i + 100).map(open));
  }
  return {
    close: () => {
      closing = true;
      for (const req of requests) req.destroy();
      agent.destroy();
    },
    errors: () => errors,
    pokes: () => pokes,
  };
}

async function main(pgUrl: string): Promise<void> {
  const db = await openTestPostgres(pgUrl, { max: 8 });
  const secret = randomBytes(32).toString('base64url');
  let server: BenchServer | undefined;
  let streams: Awaited<ReturnType<typeof openStreams>> | undefined;
  try {
    const storeIds = Array.from({ length: STORES }, (_, i) => `bs${String(i).padStart(3, '0')}`);
    await insertStores(db, 'bench-r', storeIds);
    await insertProducts(db, PRODUCTS);
    const deps = await createTestDeps(db, { tokenKey: deriveDeviceTokenKey(secret) });
    const app = createTestApp(deps);
    const devices: TestDevice[] = [];
    const perStore = Math.ceil(STREAMS / STORES);
    for (let i = 0; i < STREAMS; i += 20) {
      devices.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(20, STREAMS - i) }, (_, k) => {
            const storeId = storeIds[Math.floor((i + k) / perStore)] ?? 'bs000';
            return enrolTestDevice(app, deps, storeId, `Till ${String(i + k)}`);
          }),
        )),
      );
    }
    await deps.live.close();
    // The pushing terminals are the first of 20 stores; their stores' streams hear every push.
    const pushers = storeIds
      .slice(0, PUSHERS)
      .map((storeId) => devices.find((d) => d.principal.storeId === storeId))
      .filter((d) => d !== undefined);

    server = await startBenchServer(db.connectionString ?? '', secret, { HEARTBEAT_MS: '20000' });
    await pushPhase(server, pushers, 100);
    const baseline = await pushPhase(server, pushers, PUSHES);

    const rssBefore = await server.metric('process_resident_memory_bytes');
    const heapBefore = await server.metric('nodejs_heap_size_used_bytes');
    const opening = performance.now();
    streams = await openStreams(server, devices);
    const openedMs = performance.now() - opening;
    await sleep(3_000);
    const open = await server.metric('sync_streams_open');
    const rssAfter = await server.metric('process_resident_memory_bytes');
    const heapAfter = await server.metric('nodejs_heap_size_used_bytes');
    const pokesBefore = streams.pokes();
    const loaded = await pushPhase(server, pushers, PUSHES);
    await sleep(500);

    const p = (values: number[], q: number) => percentile(values, q).toFixed(1).padStart(7);
    const kib = (bytes: number) => (bytes / 1024 / STREAMS).toFixed(1);
    const ratio = (q: number) =>
      (percentile(loaded.latencies, q) / percentile(baseline.latencies, q)).toFixed(2);
    console.log(
      `event-streams on Postgres: ${String(open)} of ${String(STREAMS)} streams open (${String(perStore)} per store, ${String(STORES)} stores; opened in ${(openedMs / 1000).toFixed(1)} s); ` +
        `${String(PUSHES)} pushes of ${String(SALES_PER_PUSH)} sales at ~${String(PUSHES_PER_SECOND)}/s from ${String(pushers.length)} terminals per phase\n` +
        `  no streams (baseline) : p50 ${p(baseline.latencies, 50)} ms   p99 ${p(baseline.latencies, 99)} ms\n` +
        `  ${String(STREAMS)} streams open    : p50 ${p(loaded.latencies, 50)} ms   p99 ${p(loaded.latencies, 99)} ms   (${String(streams.pokes() - pokesBefore)} hints delivered)\n` +
        `  ratio streams / none  : p50 ${ratio(50)}   p99 ${ratio(99)}  (goal p99 ≤ 2)\n` +
        `  memory per open stream: ${kib(rssAfter - rssBefore)} KiB RSS, ${kib(heapAfter - heapBefore)} KiB heap\n` +
        `  errors                : pushes ${String(baseline.errors + loaded.errors)}, streams ${String(streams.errors())}  (goal 0)`,
    );
  } finally {
    streams?.close();
    await server?.stop();
    await db.close();
  }
}

if (benchPgUrl) await main(benchPgUrl);
else console.log('event-streams: skipped (set TEST_PG_URL or DATABASE_URL)');
