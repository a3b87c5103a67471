import { CHAIN_STREAM_ID, type EventEnvelope, eventEnvelopeSchema } from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import { suiteFixture } from '../../testing/suite-fixture';
import { testDatabases } from '../../testing/test-databases';
import { openAdminTestApp } from '../admin-api/admin-test-kit';
import { setHqPrices } from './price.queries';
import { upsertProducts } from './product.queries';
import { drainOutbox } from '../events/events-test-kit';

/**
 * The catalogue's events (migration 0510): every write of a product or price, by whichever path,
 * leaves `product.changed` / `price.changed` rows in its own transaction; products and the HQ and
 * region price lists on the chain-wide stream, a store's override on the store's stream.
 */

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const rice = {
  sku: 'RICE-5KG',
  nameEn: 'Sona Masoori Rice 5 kg',
  nameHi: 'सोना मसूरी चावल 5 किलो',
  barcodes: ['8901234500017'],
  hsn: '1006',
  taxClassId: 'gst5',
  category: 'grains',
  unit: 'piece' as const,
  soldLoose: false,
  mrpMinor: 42000,
  reorderLevelBase: 6,
  active: true,
};

const brief = (e: EventEnvelope) => [e.type, e.storeId, e.regionId, e.storeSeq];

describe.each(testDatabases())('catalogue events on $name', (database) => {
  const t = suiteFixture(() => openAdminTestApp(database));

  it('raises product.changed and price.changed on create, edit, price changes and delete', async () => {
    // The fixture's own writes (seeded products, enrolled devices) are published first.
    await drainOutbox(t.db);
    const created = await t.as('hq', '/v1/admin/products', json('POST', rice));
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const edited = await t.as(
      'hq',
      `/v1/admin/products/${id}`,
      json('PUT', { ...rice, reorderLevelBase: 8 }),
    );
    expect(edited.status).toBe(200);
    // The same fields again: the row's seq moves (terminals pull it) but nothing changed.
    expect(
      (await t.as('hq', `/v1/admin/products/${id}`, json('PUT', { ...rice, reorderLevelBase: 8 })))
        .status,
    ).toBe(200);
    const region = await t.as(
      'hq',
      '/v1/admin/prices',
      json('PUT', { productId: id, level: 'region', regionId: 'r2', priceMinor: 40000 }),
    );
    expect(region.status).toBe(200);
    const store = await t.as(
      'hq',
      '/v1/admin/prices',
      json('PUT', { productId: id, level: 'store', storeId: 's1b', priceMinor: 39500 }),
    );
    const storePrice = (await store.json()) as { id: string };
    expect(
      (await t.as('hq', `/v1/admin/prices/${storePrice.id}`, { method: 'DELETE' })).status,
    ).toBe(204);
    expect((await t.as('hq', `/v1/admin/products/${id}`, { method: 'DELETE' })).status).toBe(204);

    const { events, invalid } = await drainOutbox(t.db);
    expect(invalid).toEqual([]);
    for (const event of events) eventEnvelopeSchema.parse(event);
    const chain = events.filter((e) => e.storeId === CHAIN_STREAM_ID);
    const first = Number(chain[0]?.storeSeq);
    expect(chain.map(brief)).toEqual([
      ['product.changed', '_chain', '_chain', String(first)],
      ['price.changed', '_chain', '_chain', String(first + 1)],
      ['product.changed', '_chain', '_chain', String(first + 2)],
      ['price.changed', '_chain', 'r2', String(first + 3)],
      ['product.changed', '_chain', '_chain', String(first + 4)],
    ]);
    const product = (deleted: boolean, reorderLevelBase: number) => ({
      productId: id,
      sku: 'RICE-5KG',
      active: !deleted,
      deleted,
      mrpMinor: 42000,
      reorderLevelBase,
    });
    const price = (over: object) => ({
      productId: id,
      mrpMinor: 42000,
      currency: 'INR',
      effectiveFrom: t.today,
      deleted: false,
      ...over,
    });
    expect(chain.map((e) => e.data)).toEqual([
      product(false, 6),
      price({ priceId: `pr-hq-${id}`, level: 'hq', priceMinor: 42000 }),
      product(false, 8),
      price({ priceId: `pr-rr2-${id}`, level: 'region', priceMinor: 40000 }),
      product(true, 8),
    ]);
    const s1b = events.filter((e) => e.storeId === 's1b');
    expect(s1b.map((e) => [e.type, e.regionId, e.data])).toEqual([
      ['price.changed', 'r1', price({ priceId: storePrice.id, level: 'store', priceMinor: 39500 })],
      [
        'price.changed',
        'r1',
        price({ priceId: storePrice.id, level: 'store', priceMinor: 39500, deleted: true }),
      ],
    ]);
    expect(Number(s1b[1]?.storeSeq)).toBeGreaterThan(Number(s1b[0]?.storeSeq));
    expect(events.filter((e) => e.storeId !== 's1b' && e.storeId !== CHAIN_STREAM_ID)).toEqual([]);
  });

  it('writes nothing when the change rolls back', async () => {
    await drainOutbox(t.db);
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query("UPDATE products SET mrp_minor = mrp_minor + 100 WHERE id = 'p2'");
        await tx.query("UPDATE prices SET deleted = true WHERE level = 'hq' AND product_id = 'p2'");
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await drainOutbox(t.db)).events).toEqual([]);
  });

  it('numbers a CSV import’s events in one block per statement', async () => {
    await drainOutbox(t.db);
    const count = 10_000;
    const before = await counter(t.db);
    const imported = await t.as(
      'hq',
      '/v1/admin/products/import',
      json('POST', { csv: catalogueCsv(count), dryRun: false }),
    );
    expect(imported.status).toBe(200);
    // One upsert of products, then one of their HQ prices: each a run of numbers without a gap.
    const { rows } = await t.db.query<{ topic: string; n: string; lo: string; hi: string }>(
      `SELECT topic, count(*)::text AS n, min(seq)::text AS lo, max(seq)::text AS hi FROM outbox
        WHERE store_id = '_chain' AND seq > $1 GROUP BY topic ORDER BY topic`,
      [before],
    );
    expect(rows).toEqual([
      {
        topic: 'price.changed',
        n: String(count),
        lo: String(before + count + 1),
        hi: String(before + 2 * count),
      },
      {
        topic: 'product.changed',
        n: String(count),
        lo: String(before + 1),
        hi: String(before + count),
      },
    ]);
    expect(await counter(t.db)).toBe(before + 2 * count);
    const { events, invalid } = await drainOutbox(t.db);
    expect(invalid).toEqual([]);
    expect(events).toHaveLength(2 * count);
  }, 120_000);

  it('updates the chain’s counter row once per statement, not once per row', async () => {
    const written = await t.db.transaction(async (tx) => {
      await upsertProducts(
        tx,
        Array.from({ length: 300 }, (_, i) => ({
          ...rice,
          id: `p-block-${String(i)}`,
          sku: `BLOCK-${String(i)}`,
          barcodes: [],
        })),
      );
      await setHqPrices(
        tx,
        Array.from({ length: 300 }, (_, i) => ({
          productId: `p-block-${String(i)}`,
          priceMinor: 100,
          mrpMinor: 42000,
        })),
        t.today,
      );
      // This transaction's own row writes, as the statistics count them.
      const { rows } = await tx.query<{ writes: string }>(
        `SELECT (n_tup_ins + n_tup_upd)::text AS writes FROM pg_stat_xact_user_tables
          WHERE relname = 'outbox_counter'`,
      );
      return Number(rows[0]?.writes);
    });
    expect(written).toBe(2);
  });
});

/** A catalogue CSV of `count` products with their prices. */
function catalogueCsv(count: number): string {
  // Short rows: 10,000 of them stay under the test app's 1 MB body limit.
  const lines = ['sku,name_en,hsn,tax_class,category,unit,mrp,price'];
  for (let i = 1; i <= count; i += 1) {
    const n = String(i).padStart(5, '0');
    lines.push(`E${n},B${n},1905,gst5,bakery,piece,45,42.5`);
  }
  return lines.join('\n');
}

async function counter(db: { query: (sql: string) => Promise<{ rows: { n: string }[] }> }) {
  const { rows } = await db.query(
    "SELECT coalesce((SELECT last_seq FROM outbox_counter WHERE store_id = '_chain'), 0)::text AS n",
  );
  return Number(rows[0]?.n ?? 0);
}
