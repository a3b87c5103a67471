import { BehaviorSubject, bufferTime, filter, merge, map, type Observable } from 'rxjs';
import type { TerminalDatabase } from '../db/database';
import {
  createCatalogue,
  type Catalogue,
  type CatalogueChange,
  type CataloguePrice,
  type CatalogueProduct,
  type CatalogueTaxRate,
} from './catalogue';

/** The catalogue kept in step with the database, and a version that ticks on every change. */
export type LiveCatalogue = {
  readonly catalogue: Catalogue;
  readonly version$: Observable<number>;
  stop(): void;
};

type StorageEvent = { operation: string; documentData: unknown; previousDocumentData?: unknown };

function stripDeletedFlag(doc: unknown): Record<string, unknown> {
  const { _deleted: _, ...rest } = doc as Record<string, unknown>;
  return rest;
}

/**
 * Loads products, prices and tax rates into memory and applies every later write (mostly pulled
 * by replication) in batches of 100 ms, so a big initial pull costs one update per batch.
 */
export async function openLiveCatalogue(db: TerminalDatabase): Promise<LiveCatalogue> {
  const [products, prices, taxRates] = await Promise.all([
    db.products.find().exec(),
    db.prices.find().exec(),
    db['tax-rates'].find().exec(),
  ]);
  const catalogue = createCatalogue({
    products: products.map((doc) => doc.toJSON() as CatalogueProduct),
    prices: prices.map((doc) => doc.toJSON() as CataloguePrice),
    taxRates: taxRates.map((doc) => doc.toJSON() as CatalogueTaxRate),
  });
  catalogue.warm();
  const version = new BehaviorSubject(0);
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
      catalogue.applyChanges(batches.flat());
      // Rebuild the index now rather than during the cashier's next keystroke.
      catalogue.warm();
      version.next(version.value + 1);
    });
  return {
    catalogue,
    version$: version.asObservable(),
    stop: () => {
      subscription.unsubscribe();
      version.complete();
    },
  };
}
