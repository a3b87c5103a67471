import { catalogueForBarcode } from '../../catalogue/barcode-directory';
import type { PriceContext } from '../../catalogue/catalogue';
import type { LiveCatalogue } from '../../catalogue/live-catalogue';
import type { TerminalDatabase } from '../../db/database';
import { resolveScan, type ScanOutcome } from './scan';

/**
 * Resolves a scan whether or not the catalogue has finished loading into memory. While it loads,
 * a product barcode is looked up through the barcode directory (primary-key reads and indexed
 * queries, milliseconds at any catalogue size, run ahead of the load's next page), so the first
 * customer of the day is billed at once; anything else (a weighing-scale label, a barcode the
 * directory does not know yet) waits for the load, because the partly loaded catalogue may hold
 * a product without its prices.
 */
export async function resolveScanAtStart(
  live: LiveCatalogue,
  db: TerminalDatabase,
  rawCode: string,
  at: PriceContext,
): Promise<ScanOutcome> {
  if (!live.isLoaded()) {
    const code = rawCode.trim();
    const single = /^\d{8,14}$/.test(code)
      ? await live.urgent(() => catalogueForBarcode(db, code))
      : undefined;
    if (single !== undefined) return resolveScan(single, code, at);
    await live.load();
  }
  return resolveScan(live.catalogue, rawCode, at);
}
