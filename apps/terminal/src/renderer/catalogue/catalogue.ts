import {
  resolvePrice,
  type Price,
  type Product,
  type TaxRate,
  type TaxRateSchedule,
} from '@kiryana/shared';
import {
  entryMatches,
  indexEntries,
  parseQuery,
  searchEntryOf,
  topMatches,
  type SearchEntry,
  type SearchIndex,
} from './search-index';

/**
 * The catalogue in memory: products by id, barcode and scale item code, their prices and the GST
 * schedule, and the search index. Built from the replicated collections and kept current by
 * `applyChanges` as replication writes arrive, so scanning never waits on storage.
 */

/** A product as the terminal keeps it (without RxDB's `_deleted`). */
export type CatalogueProduct = Omit<Product, '_deleted'>;
/** A price as the terminal keeps it. */
export type CataloguePrice = Omit<Price, '_deleted'>;
/** A tax-rate row as the terminal keeps it. */
export type CatalogueTaxRate = Omit<TaxRate, '_deleted'>;

/** Where and when a price applies. */
export type PriceContext = { storeId: string; regionId: string; date: string };

/** A change to one catalogue collection. */
export type CatalogueChange =
  | { collection: 'products'; doc: CatalogueProduct; deleted: boolean }
  | { collection: 'prices'; doc: CataloguePrice; deleted: boolean }
  | { collection: 'tax-rates'; doc: CatalogueTaxRate; deleted: boolean };

/** The in-memory catalogue. */
export type Catalogue = {
  readonly size: number;
  product(id: string): CatalogueProduct | undefined;
  byBarcode(barcode: string): CatalogueProduct | undefined;
  /** A loose product by the item code (PLU) printed on its scale labels: its SKU's number. */
  byScaleItemCode(itemCode: string): CatalogueProduct | undefined;
  search(query: string, limit: number): CatalogueProduct[];
  /**
   * Indexes the products changed or loaded since the last call (if there are enough to be worth
   * a segment) now, in a quiet moment, instead of on a keystroke.
   */
  warm(): void;
  priceOf(productId: string, at: PriceContext): CataloguePrice | undefined;
  readonly taxSchedule: TaxRateSchedule;
  applyChanges(changes: readonly CatalogueChange[]): void;
};

/** Changed products searched linearly before a keystroke indexes them. */
const UNINDEXED_LIMIT = 2000;
/** Fewer changed products than this wait for more before `warm` indexes them. */
const MIN_SEGMENT = 500;
/** More segments than this are merged into one. */
const MAX_SEGMENTS = 100;

/**
 * A loose product's scale PLU is the number its SKU ends with ("RIC00042" → 42), and labels carry
 * it zero-padded ("00042"), so both sides are compared as numbers.
 */
function pluKey(code: string): string | undefined {
  const digits = /(\d+)$/.exec(code)?.[1];
  return digits === undefined ? undefined : String(Number(digits));
}

/**
 * Builds the catalogue from full collections.
 * @example
 * const catalogue = createCatalogue({ products, prices, taxRates });
 * catalogue.byBarcode('8901000000019')?.nameEn;
 */
export function createCatalogue(data: {
  products: readonly CatalogueProduct[];
  prices: readonly CataloguePrice[];
  taxRates: readonly CatalogueTaxRate[];
}): Catalogue {
  const products = new Map<string, CatalogueProduct>();
  const barcodes = new Map<string, string>();
  const plus = new Map<string, string>();
  const prices = new Map<string, Map<string, CataloguePrice>>();
  const taxRates = new Map<string, CatalogueTaxRate>();
  // The search index in segments: the load indexes each page as it arrives and later changes
  // are indexed in batches, so no single build covers the whole catalogue (one build of 100,000
  // products is a task of seconds the cashier's next key would wait behind). A segment's entry
  // stays live until its product changes (`indexedAt` finds it to retire it).
  const segments: SearchIndex[] = [];
  const indexedAt = new Map<string, { segment: SearchIndex; position: number }>();
  let indexed = 0;
  // Products put since they were last indexed (null: gone), searched linearly until indexed.
  const unindexed = new Map<string, SearchEntry | null>();
  let schedule: TaxRateSchedule | undefined;
  const addSegment = (entries: SearchEntry[]) => {
    if (entries.length === 0) return;
    const segment = indexEntries(entries);
    segments.push(segment);
    indexed += entries.length;
    for (const [position, id] of segment.ids.entries()) indexedAt.set(id, { segment, position });
  };
  const unindex = (id: string, entry: SearchEntry | null) => {
    const at = indexedAt.get(id);
    if (at !== undefined) {
      at.segment.retire(at.position);
      indexedAt.delete(id);
    }
    unindexed.set(id, entry);
  };
  const indexUnindexed = () => {
    const entries: SearchEntry[] = [];
    for (const entry of unindexed.values()) if (entry !== null) entries.push(entry);
    unindexed.clear();
    addSegment(entries);
    // Superseded entries cost memory and skipped matches; once they outnumber the live ones (a
    // catalogue replaced wholesale) or segments pile up, one full build starts afresh.
    if (indexed - indexedAt.size > Math.max(UNINDEXED_LIMIT, indexedAt.size)) compact();
    else if (segments.length > MAX_SEGMENTS) compact();
  };
  const compact = () => {
    segments.length = 0;
    indexedAt.clear();
    indexed = 0;
    addSegment(Array.from(products.values(), searchEntryOf));
  };

  const putProduct = (product: CatalogueProduct, deleted: boolean): void => {
    const previous = products.get(product.id);
    if (previous !== undefined) {
      for (const code of previous.barcodes)
        if (barcodes.get(code) === previous.id) barcodes.delete(code);
      const key = pluKey(previous.sku);
      if (key !== undefined && plus.get(key) === previous.id) plus.delete(key);
      products.delete(product.id);
    }
    if (deleted || !product.active) return;
    products.set(product.id, product);
    for (const code of product.barcodes) barcodes.set(code, product.id);
    const key = product.soldLoose ? pluKey(product.sku) : undefined;
    if (key !== undefined) plus.set(key, product.id);
  };
  const putPrice = (price: CataloguePrice, deleted: boolean): void => {
    let byId = prices.get(price.productId);
    if (byId === undefined) {
      byId = new Map<string, CataloguePrice>();
      prices.set(price.productId, byId);
    }
    if (deleted) byId.delete(price.id);
    else byId.set(price.id, price);
  };
  const putTaxRate = (rate: CatalogueTaxRate, deleted: boolean): void => {
    if (deleted) taxRates.delete(rate.id);
    else taxRates.set(rate.id, rate);
  };

  for (const product of data.products) putProduct(product, false);
  addSegment(Array.from(products.values(), searchEntryOf));
  for (const price of data.prices) putPrice(price, false);
  for (const rate of data.taxRates) putTaxRate(rate, false);

  const lookup = (id: string | undefined): CatalogueProduct | undefined =>
    id === undefined ? undefined : products.get(id);

  return {
    get size() {
      return products.size;
    },
    product: (id) => products.get(id),
    byBarcode: (barcode) => lookup(barcodes.get(barcode)),
    byScaleItemCode: (itemCode) => {
      const key = pluKey(itemCode);
      return key === undefined ? undefined : lookup(plus.get(key));
    },
    warm() {
      if (unindexed.size >= MIN_SEGMENT) indexUnindexed();
    },
    search(query, limit) {
      const typed = query.trim();
      // A typed barcode is looked up whole: its digit prefixes would match every EAN in the store.
      if (/^\d{8,14}$/.test(typed)) {
        const product = lookup(barcodes.get(typed));
        if (product !== undefined) return [product];
      }
      if (unindexed.size > UNINDEXED_LIMIT) indexUnindexed();
      const parsed = parseQuery(query);
      const best = topMatches(limit);
      for (const entry of unindexed.values()) {
        if (entry !== null && entryMatches(entry, parsed)) best.offer(entry, parsed);
      }
      for (const segment of segments) segment.collect(parsed, best);
      return best
        .ids()
        .map((id) => products.get(id))
        .filter((product): product is CatalogueProduct => product !== undefined);
    },
    priceOf(productId, at) {
      const rows = [...(prices.get(productId)?.values() ?? [])].map((row) => ({
        ...row,
        _deleted: false,
      }));
      return resolvePrice(rows, { productId, ...at });
    },
    get taxSchedule() {
      schedule ??= { rows: [...taxRates.values()] };
      return schedule;
    },
    applyChanges(changes) {
      for (const change of changes) {
        if (change.collection === 'products') {
          putProduct(change.doc, change.deleted);
          const current = products.get(change.doc.id);
          unindex(change.doc.id, current === undefined ? null : searchEntryOf(current));
        } else if (change.collection === 'prices') putPrice(change.doc, change.deleted);
        else {
          putTaxRate(change.doc, change.deleted);
          schedule = undefined;
        }
      }
    },
  };
}
