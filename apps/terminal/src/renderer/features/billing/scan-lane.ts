import { catalogueForProduct } from '../../catalogue/barcode-directory';
import type { Catalogue, CatalogueProduct, PriceContext } from '../../catalogue/catalogue';
import type { LiveCatalogue } from '../../catalogue/live-catalogue';
import type { TerminalDatabase } from '../../db/database';
import { lineForProduct, resolveScan, type ScanOutcome } from './scan';
import { resolveScanAtStart } from './scan-at-start';

/**
 * Scans and products picked by search on their way to the cart, in the order the cashier made
 * them. With the catalogue in memory an item resolves at once; while it still loads, an item
 * waits for its own lookups (scan-at-start.ts) and later ones queue behind it. `settled` lets
 * completing or parking a bill wait for every item scanned before the key.
 */
export type ScanLane = {
  /** A scanned code; `startMs` is its key event's timestamp. */
  scan(code: string, startMs: number): void;
  /** `qtyBase` of a product chosen by search (or weighed). */
  pick(product: CatalogueProduct, qtyBase: number): void;
  /** Settles once every item given so far has reached `show` (or `fail`). */
  settled(): Promise<void>;
};

/** Where a lane's items go; `startMs` is null for picks, which no scan measure covers. */
type LaneDeps = {
  live: LiveCatalogue;
  db: TerminalDatabase;
  priceContext: () => PriceContext;
  show: (outcome: ScanOutcome, startMs: number | null) => void;
  fail: (code: string, error: unknown) => void;
};

function pickOutcome(
  catalogue: Catalogue,
  product: CatalogueProduct,
  qtyBase: number,
  at: PriceContext,
): ScanOutcome {
  const result = lineForProduct(catalogue, product, qtyBase, at);
  return result.ok
    ? { kind: 'line', line: result.line }
    : { kind: 'refused', reason: result.reason, code: product.sku };
}

/**
 * Creates the lane of one billing screen.
 * @example
 * const lane = createScanLane({ live, db, priceContext, show, fail });
 * lane.scan('8901000000019', event.timeStamp);
 * await lane.settled();
 */
export function createScanLane(deps: LaneDeps): ScanLane {
  let queue = Promise.resolve();
  let pending = 0;
  const run = (
    code: string,
    startMs: number | null,
    now: () => ScanOutcome,
    later: () => Promise<ScanOutcome>,
  ) => {
    if (deps.live.isLoaded() && pending === 0) {
      deps.show(now(), startMs);
      return;
    }
    pending += 1;
    queue = queue
      .then(async () => {
        deps.show(await later(), startMs);
      })
      .catch((error: unknown) => {
        deps.fail(code, error);
      })
      .finally(() => {
        pending -= 1;
      });
  };
  return {
    scan(code, startMs) {
      run(
        code,
        startMs,
        () => resolveScan(deps.live.catalogue, code, deps.priceContext()),
        () => resolveScanAtStart(deps.live, deps.db, code, deps.priceContext()),
      );
    },
    pick(product, qtyBase) {
      run(
        product.sku,
        null,
        () => pickOutcome(deps.live.catalogue, product, qtyBase, deps.priceContext()),
        async () => {
          // Search may show a product whose prices are not in memory yet: read them for it.
          if (!deps.live.isLoaded()) {
            const single = await deps.live.urgent(() => catalogueForProduct(deps.db, product.id));
            if (single !== undefined)
              return pickOutcome(single, product, qtyBase, deps.priceContext());
            await deps.live.load();
          }
          return pickOutcome(deps.live.catalogue, product, qtyBase, deps.priceContext());
        },
      );
    },
    settled: () => queue,
  };
}
