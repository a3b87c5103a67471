import { BehaviorSubject, bufferTime, filter, merge, map, type Observable } from 'rxjs';
import type { TerminalDatabase } from '../db/database';
import { readLocal, writeLocal } from '../db/local-state';
import { recordBarcodes } from './barcode-directory';
import { readCataloguePage } from './catalogue-pages';
import {
  createCatalogue,
  type Catalogue,
  type CatalogueChange,
  type CatalogueProduct,
} from './catalogue';

/** The catalogue kept in step with the database, and a version that ticks on every change. */
export type LiveCatalogue = {
  readonly catalogue: Catalogue;
  readonly version$: Observable<number>;
  /** Settles once every product and price is in memory and the search index is built. */
  readonly loaded: Promise<void>;
  /**
   * Starts the load (once; later calls return the same promise). The shell calls it after its
   * first screen is up, so that screen's own reads are not queued behind catalogue pages.
   */
  load(): Promise<void>;
  /** Whether `loaded` has settled; before that, scans go through the barcode directory. */
  isLoaded(): boolean;
  /**
   * Runs a few storage reads ahead of the load (a scan's lookups): the load asks for no further
   * page until they are done, so each read waits behind one page in flight at most, not one
   * page per read.
   */
  urgent<T>(reads: () => Promise<T>): Promise<T>;
  stop(): void;
};

type StorageEvent = { operation: string; documentData: unknown; previousDocumentData?: unknown };

/**
 * Products (and prices) read per query while loading: 100,000 products in 50 pages. Each page is
 * one task in the renderer (rows, maps and that page's search-index segment), and a scan's lookup
 * waits behind the one page in flight at most (`urgent`), so the page is kept small. The SQLite
 * storage answers a page from its (_deleted, id) index in milliseconds at any catalogue size
 * (packages/rxdb-sqlite bench/page-query.ts).
 */
const PAGE_SIZE = 2000;
/** The directory is complete once a full load has written it; later starts only keep it current. */
const DIRECTORY_VERSION = 1;

function stripDeletedFlag(doc: unknown): Record<string, unknown> {
  const { _deleted: _, ...rest } = doc as Record<string, unknown>;
  return rest;
}

/** Lets the page paint and handle keys between two pages of the load. */
const nextTask = () =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, 0);
  });

/**
 * Starts the catalogue empty and returns at once; products, prices and tax rates load in pages
 * in the background once `load()` is called (the shell does, after its first screen), because a
 * whole-collection read of 20,000 products and prices plus the search index build took 1.2–1.5 s
 * and grew with the catalogue. Later writes (mostly pulled by replication) are applied in batches
 * of 100 ms, so a big pull costs one update per batch.
 */
export function startLiveCatalogue(
  db: TerminalDatabase,
  options: { pageSize?: number } = {},
): LiveCatalogue {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const catalogue = createCatalogue({ products: [], prices: [], taxRates: [] });
  const version = new BehaviorSubject(0);
  let loaded = false;
  let stopped = false;
  // Ids written since the load began: their event carries a state at least as new as any page.
  const changedWhileLoading = new Set<string>();
  const changesOf = (collection: CatalogueChange['collection']) =>
    db.collections[collection].eventBulks$.pipe(
      map((bulk) =>
        (bulk.events as StorageEvent[]).map(
          (event) =>
            ({
              collection,
              doc: stripDeletedFlag(event.documentData),
              deleted: event.operation === 'DELETE',
            }) as CatalogueChange,
        ),
      ),
    );
  const subscription = merge(changesOf('products'), changesOf('prices'), changesOf('tax-rates'))
    .pipe(
      bufferTime(100),
      filter((batches) => batches.length > 0),
    )
    .subscribe((batches) => {
      const changes = batches.flat();
      if (!loaded) for (const change of changes) changedWhileLoading.add(keyOf(change));
      catalogue.applyChanges(changes);
      const products = changes.flatMap((change) =>
        change.collection === 'products' && !change.deleted ? [change.doc] : [],
      );
      void recordBarcodes(db, products).catch(reportDirectoryError);
      // Rebuild the index now rather than during the cashier's next keystroke.
      if (loaded) catalogue.warm();
      version.next(version.value + 1);
    });

  let urgentReads = 0;
  let urgentDone: Promise<void> = Promise.resolve();
  let releaseUrgent: () => void = () => undefined;
  const urgent = async <T>(reads: () => Promise<T>): Promise<T> => {
    if (urgentReads === 0)
      urgentDone = new Promise<void>((resolve) => {
        releaseUrgent = resolve;
      });
    urgentReads += 1;
    try {
      return await reads();
    } finally {
      urgentReads -= 1;
      if (urgentReads === 0) releaseUrgent();
    }
  };

  const keyOf = (change: CatalogueChange) => `${change.collection}|${change.doc.id}`;
  const fresh = (changes: CatalogueChange[]) =>
    changes.filter((change) => !changedWhileLoading.has(keyOf(change)));

  async function loadPaged(
    collection: 'products' | 'prices',
    onPage: (docs: CatalogueChange[]) => Promise<void>,
  ): Promise<void> {
    let after = '';
    for (;;) {
      while (urgentReads > 0) await urgentDone;
      if (stopped) return;
      const docs =
        collection === 'products'
          ? await readCataloguePage(db.products, after, pageSize)
          : await readCataloguePage(db.prices, after, pageSize);
      const changes = docs.map((doc) => ({ collection, doc, deleted: false }) as CatalogueChange);
      catalogue.applyChanges(fresh(changes));
      // This page's search segment now, so the end of the load has no whole-catalogue build.
      if (collection === 'products') catalogue.warm();
      await onPage(changes);
      version.next(version.value + 1);
      const last = docs.at(-1);
      if (last === undefined || docs.length < pageSize) return;
      after = last.id;
      await nextTask();
    }
  }

  const loadAll = async () => {
    const taxRates = await db['tax-rates'].find().exec();
    catalogue.applyChanges(
      fresh(
        taxRates.map((doc) => ({
          collection: 'tax-rates',
          doc: doc.toJSON(),
          deleted: false,
        })),
      ),
    );
    const directory = await readLocal(db, 'barcode-directory', (value) =>
      typeof value === 'number' ? value : undefined,
    );
    await loadPaged('products', async (changes) => {
      if (directory === DIRECTORY_VERSION) return;
      await recordBarcodes(
        db,
        changes.map((change) => change.doc as CatalogueProduct).filter((p) => p.active),
      );
    });
    if (directory !== DIRECTORY_VERSION && !stopped)
      await writeLocal(db, 'barcode-directory', DIRECTORY_VERSION);
    await loadPaged('prices', () => Promise.resolve());
    loaded = true;
    changedWhileLoading.clear();
    catalogue.warm();
    version.next(version.value + 1);
  };
  let loading: Promise<void> | undefined;
  let settle: { resolve(): void; reject(error: unknown): void } | undefined;
  const loadedPromise = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // A load cut short by stop() (the database closing) is nobody's error to report.
  loadedPromise.catch(() => undefined);
  const load = () => {
    loading ??= loadAll().then(
      () => settle?.resolve(),
      (error: unknown) => settle?.reject(error),
    );
    return loadedPromise;
  };
  return {
    catalogue,
    version$: version.asObservable(),
    loaded: loadedPromise,
    load,
    isLoaded: () => loaded,
    urgent,
    stop: () => {
      stopped = true;
      subscription.unsubscribe();
      version.complete();
    },
  };
}

function reportDirectoryError(error: unknown): void {
  // The directory only speeds up early scans; a failed write costs a wait, never a wrong sale.
  console.warn('[catalogue] barcode directory write failed', error);
}

/** The live catalogue once fully loaded (for the headless terminals of the fleet simulator). */
export async function openLiveCatalogue(db: TerminalDatabase): Promise<LiveCatalogue> {
  const live = startLiveCatalogue(db);
  await live.load();
  return live;
}
