import { openPgDb } from './db/pg-db';
import { loadEnv } from './env';
import { growCatalogue } from './features/seed/grow-catalogue';

/**
 * `pnpm --filter @kiryana/sync-server grow-catalogue <copies> <store-code>`: turns the demo
 * catalogue into a supermarket's (each seeded product gets `copies` variants with their prices,
 * and the store's opening stock) for big-store tests and load trials. Postgres only (DATABASE_URL):
 * a catalogue of that size is no embedded database's job.
 */
const [copiesArg, storeCode] = process.argv.slice(2);
const copies = Number(copiesArg);
const url = loadEnv().DATABASE_URL;
if (!Number.isInteger(copies) || copies < 1 || copies > 200 || !storeCode || !url) {
  process.stderr.write(
    'Usage: DATABASE_URL=… grow-catalogue <copies 1–200> <store-code> (a seeded demo database)\n',
  );
  process.exit(2);
}
const db = openPgDb(url);
try {
  const store = await db.query<{ id: string }>('SELECT id FROM stores WHERE code = $1', [
    storeCode,
  ]);
  const storeId = store.rows[0]?.id;
  if (storeId === undefined) throw new Error(`There is no store ${storeCode}.`);
  await growCatalogue(db, copies, storeId);
  await db.query('ANALYZE');
  const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM products');
  process.stdout.write(`The catalogue has ${String(count.rows[0]?.n ?? 0)} products.\n`);
} finally {
  await db.close();
}
