/**
 * `pnpm bench`: the first sync of a fresh terminal against a 20,000-product catalogue with its
 * prices and the store's stock, through the terminal's own sync session (RxDB replication over
 * HTTP into the SQLite storage, on disk) against a sync-server process — compared with a raw
 * SELECT of the same rows from Postgres plus raw better-sqlite3 inserts of them (one table per
 * collection, id + JSON, one transaction, WAL with synchronous=FULL like the storage). A new
 * terminal loads reference data and stock levels by snapshot (docs/sync.md, "Snapshot") and its
 * sales and movements by pull pages. Needs Postgres (TEST_PG_URL or DATABASE_URL); runs in
 * databases it creates and drops, at 20,000 and 100,000 products (BENCH_PRODUCTS=n: one size).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRxStorageSQLite } from '@kiryana/rxdb-sqlite';
import { growCatalogue } from '@kiryana/sync-server/operator';
import type { SyncCollection } from '@kiryana/shared';
import { REPLICATION_ORDER, createManualNetworkStatus } from '@kiryana/sync-client';
import { openTerminalDatabase, startSyncSession } from '@kiryana/terminal/headless';
import Database from 'better-sqlite3';
import pg from 'pg';
import { firstValueFrom, filter } from 'rxjs';
import { enrolTerminal } from '../src/enrol';
import { benchEnv } from './bench-env';

import { startServerProcess } from '../src/server-process';
import { createSimDatabase } from '../src/sim-database';

/** Distinct products the seed makes; the rest are variants of them (big-catalogue.ts). */
const SEEDED = 2_000;

/** What a terminal of `store` pulls, as plain SELECTs of the same rows. */
function scopeQueries(
  storeId: string,
  regionId: string,
): Record<SyncCollection, [string, unknown[]]> {
  return {
    stores: ['SELECT * FROM stores WHERE id = $1', [storeId]],
    'tax-rates': ['SELECT * FROM tax_rates', []],
    products: ['SELECT * FROM products', []],
    prices: [
      "SELECT * FROM prices WHERE level = 'hq' OR region_id = $1 OR store_id = $2",
      [regionId, storeId],
    ],
    'stock-levels': ['SELECT * FROM stock_levels WHERE store_id = $1', [storeId]],
    sales: ['SELECT * FROM sales WHERE store_id = $1', [storeId]],
    'stock-movements': ['SELECT * FROM stock_movements WHERE store_id = $1', [storeId]],
    documents: ['SELECT * FROM workflow_documents WHERE store_id = $1', [storeId]],
    parties: [
      'SELECT * FROM store_parties sp JOIN suppliers s ON s.id = sp.party_id WHERE sp.store_id = $1',
      [storeId],
    ],
  };
}

/** SELECT every row, then insert them all into a fresh SQLite file; resolves with the time. */
async function rawCopy(
  databaseUrl: string,
  storeId: string,
  regionId: string,
): Promise<{ ms: number; rows: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'kiryana-raw-'));
  const started = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const sqlite = new Database(join(dir, 'raw.sqlite'));
  let rows = 0;
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    for (const [collection, [sql, values]] of Object.entries(scopeQueries(storeId, regionId))) {
      const table = collection.replace('-', '_');
      const result = await client.query<{ id?: string; store_id?: string; product_id?: string }>(
        sql,
        values,
      );
      sqlite.exec(`CREATE TABLE ${table} (id TEXT PRIMARY KEY, data TEXT NOT NULL)`);
      const insert = sqlite.prepare(`INSERT INTO ${table} (id, data) VALUES (?, ?)`);
      sqlite.transaction(() => {
        for (const row of result.rows) {
          // Stock levels are keyed by (store, product); everything else by id.
          insert.run(
            row.id ?? `${row.store_id ?? ''}:${row.product_id ?? ''}`,
            JSON.stringify(row),
          );
        }
      })();
      rows += result.rows.length;
    }
    return { ms: performance.now() - started, rows };
  } finally {
    sqlite.close();
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh terminal's first sync; resolves with the time and the documents per collection. */
async function terminalSync(
  credential: Awaited<ReturnType<typeof enrolTerminal>>,
): Promise<{ ms: number; pulled: Partial<Record<SyncCollection, number>> }> {
  const dir = mkdtempSync(join(tmpdir(), 'kiryana-terminal-'));
  const started = performance.now();
  const db = await openTerminalDatabase({
    storage: getRxStorageSQLite({ databaseDir: dir, encryptionKey: randomBytes(32) }),
    name: 'bench-terminal',
  });
  const session = await startSyncSession({
    db,
    credential,
    fetch,
    clock: { now: () => Date.now() },
    network: createManualNetworkStatus(true),
  });
  try {
    const status = await firstValueFrom(
      session.status$.pipe(
        filter((s) => REPLICATION_ORDER.every((c) => s.initialPullDone.includes(c))),
      ),
    );
    return { ms: performance.now() - started, pulled: status.pulled };
  } finally {
    await session.stop();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Seconds the server spent on requests of `route` (its Prometheus histogram's sum). */
async function readServerSeconds(url: string, route: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter(
      (line) =>
        line.startsWith('http_request_duration_seconds_sum') && line.includes(`route="${route}"`),
    )
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

async function main(adminUrl: string, products: number): Promise<void> {
  const seeding = performance.now();
  const database = await createSimDatabase(adminUrl, { products: Math.min(products, SEEDED) });
  const store = database.stores[0];
  if (!store) throw new Error('no store');
  await growCatalogue(database.db, Math.ceil(products / SEEDED) - 1, store.id);
  await database.db.exec('ANALYZE');
  const seedMs = performance.now() - seeding;
  const secret = randomBytes(32).toString('base64url');
  const server = await startServerProcess({ databaseUrl: database.url, deviceTokenSecret: secret });
  try {
    const credential = await enrolTerminal({
      serverUrl: server.url(),
      deviceTokenSecret: secret,
      storeCode: store.code,
      terminalName: 'Bench',
    });
    // Both paths start with the database's caches warm.
    await rawCopy(database.url, store.id, store.regionId);
    const terminal = await terminalSync(credential);
    const raw = await rawCopy(database.url, store.id, store.regionId);
    const serverPullMs =
      (await readServerSeconds(server.url(), '/v1/sync/:collection/pull')) * 1000;
    const pulled = Object.values(terminal.pulled).reduce((sum, n) => sum + n, 0);
    const rate = (rows: number, ms: number) => Math.round((rows / ms) * 1000);
    console.log(
      `initial-sync: catalogue of ${String(products)} products (seeded in ${(seedMs / 1000).toFixed(0)} s), store ${store.code}: ` +
        `${Object.entries(terminal.pulled)
          .map(([c, n]) => `${c} ${String(n)}`)
          .join(', ')}\n` +
        `  raw SELECT + better-sqlite3 inserts : ${raw.ms.toFixed(0).padStart(7)} ms  (${String(raw.rows)} rows, ${String(rate(raw.rows, raw.ms))} rows/s)\n` +
        `  terminal sync session (RxDB, HTTP)  : ${terminal.ms.toFixed(0).padStart(7)} ms  (${String(pulled)} documents, ${String(rate(pulled, terminal.ms))} docs/s)\n` +
        `  of which the server answering pulls : ${serverPullMs.toFixed(0).padStart(7)} ms  (sum of its request times, pages in parallel)\n` +
        `  ratio terminal / raw                : ${(terminal.ms / raw.ms).toFixed(2)}×  (goal ≤ 3×)`,
    );
  } finally {
    await server.stop();
    await database.drop();
  }
}

if (benchEnv.pgUrl) for (const products of benchEnv.products) await main(benchEnv.pgUrl, products);
else console.log('initial-sync: skipped (set TEST_PG_URL or DATABASE_URL)');
