/**
 * Cost of one catalogue page (`id > after`, sorted by id, LIMIT n, `index: ['id']`, the query the
 * terminal's live catalogue loads with) at two table sizes, and of reading the whole table page by
 * page. A page should cost the same at 20,000 and 100,000 rows: it is a range on an index.
 */
import { performance } from 'node:perf_hooks';
import {
  fillWithDefaultSettings,
  normalizeMangoQuery,
  prepareQuery,
  randomToken,
} from 'rxdb/plugins/core';
import type { RxDocumentData, RxJsonSchema } from 'rxdb/plugins/core';
import { getRxStorageSQLite } from '../src/storage';
import type { RxStorageInstanceSQLite } from '../src/instance';

type Item = { id: string; nameEn: string; category: string; mrpMinor: number };

// The shape of the terminal's products: indexes (nameEn) and (category, nameEn).
const itemSchema: RxJsonSchema<RxDocumentData<Item>> = fillWithDefaultSettings({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    nameEn: { type: 'string', maxLength: 100 },
    category: { type: 'string', maxLength: 40 },
    mrpMinor: { type: 'integer', minimum: 0, maximum: 100_000_000, multipleOf: 1 },
  },
  required: ['id', 'nameEn', 'category', 'mrpMinor'],
  indexes: [['nameEn'], ['category', 'nameEn']],
});

const PAGE = 5000;
// Spread into the selector, whose type has no `_deleted`.
const notDeleted = { _deleted: { $eq: false } };

function pageQuery(after: string) {
  return prepareQuery<Item>(
    itemSchema,
    normalizeMangoQuery<Item>(itemSchema, {
      // RxQuery adds `_deleted: false` to every selector before the storage sees it.
      selector: { id: { $gt: after }, ...notDeleted },
      sort: [{ id: 'asc' }],
      limit: PAGE,
      index: ['id'],
    }),
  );
}

async function openFilled(dir: string, rows: number): Promise<RxStorageInstanceSQLite<Item>> {
  const storage = getRxStorageSQLite({ databaseDir: dir, encryptionKey: null });
  const instance = (await storage.createStorageInstance<Item>({
    databaseInstanceToken: randomToken(10),
    databaseName: 'pages' + String(rows),
    collectionName: 'items',
    schema: itemSchema,
    options: {},
    multiInstance: false,
    devMode: false,
  })) as unknown as RxStorageInstanceSQLite<Item>;
  const categories = ['staples', 'dairy', 'snacks', 'spices', 'drinks', 'household'];
  for (let start = 0; start < rows; start += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, rows - start) }, (_, j) => {
      const i = start + j;
      const doc: RxDocumentData<Item> = {
        id: 'prod-' + String(i).padStart(7, '0'),
        nameEn: 'item ' + String((i * 7919) % rows).padStart(7, '0'),
        category: categories[i % categories.length] ?? 'staples',
        mrpMinor: 100 + (i % 5000),
        _deleted: false,
        _rev: '1-a',
        _meta: { lwt: 1000 + i },
        _attachments: {},
      };
      return { document: doc };
    });
    await instance.bulkWrite(batch, 'seed');
  }
  return instance;
}

type PageFigures = {
  rows: number;
  /** Writing the rows in bulks of 10,000: what each index (the primary key one too) costs. */
  fillMs: number;
  firstPageMs: number;
  middlePageMs: number;
  fullLoadMs: number;
  plan: string[];
};

/** Fills a table of `rows` products under `dir` and times the catalogue's page queries on it. */
async function measurePages(dir: string, rows: number): Promise<PageFigures> {
  const filling = performance.now();
  const instance = await openFilled(dir, rows);
  const fillMs = performance.now() - filling;
  try {
    const time = async (after: string) => {
      const t0 = performance.now();
      const { documents } = await instance.query(pageQuery(after));
      return { ms: performance.now() - t0, documents };
    };
    await time(''); // warm the statement cache
    const first = await time('');
    const middle = await time('prod-' + String(Math.floor(rows / 2)).padStart(7, '0'));
    const t0 = performance.now();
    let after = '';
    let read = 0;
    for (;;) {
      const { documents } = await time(after);
      read += documents.length;
      const last = documents.at(-1);
      if (!last || documents.length < PAGE) break;
      after = last.id;
    }
    if (read !== rows) throw new Error(`page bench read ${String(read)} of ${String(rows)} rows`);
    return {
      rows,
      fillMs,
      firstPageMs: first.ms,
      middlePageMs: middle.ms,
      fullLoadMs: performance.now() - t0,
      plan: instance.explainQuery(pageQuery('')),
    };
  } finally {
    await instance.remove();
  }
}

/** Prints one line per table size. */
export async function printPageFigures(dir: string, sizes: readonly number[]): Promise<void> {
  for (const rows of sizes) {
    const f = await measurePages(dir, rows);
    console.log(
      `catalogue page of ${String(PAGE)} (id > after, by id) at ${String(rows)} rows ` +
        `(written in ${f.fillMs.toFixed(0)} ms): ` +
        `first ${f.firstPageMs.toFixed(1)} ms, middle ${f.middlePageMs.toFixed(1)} ms, ` +
        `all ${String(Math.ceil(rows / PAGE))} pages ${f.fullLoadMs.toFixed(0)} ms; plan: ${f.plan.join(' | ')}`,
    );
  }
}
