import { randomUUID } from 'node:crypto';
import { SALE_SCHEMA_VERSION, type Sale, type SyncCollection, businessDate } from '@kiryana/shared';
import {
  SyncHttpError,
  createAccessTokens,
  createSyncApi,
  enrollDevice,
  pullAll,
} from '@kiryana/sync-client';

/**
 * A store terminal as the sync server sees it, over HTTP only: enrols with a one-time code, takes
 * access tokens, pushes sales and pulls reference data through the sync client the terminal ships
 * (`@kiryana/sync-client`), without its RxDB replication.
 */
export type TerminalClient = {
  readonly storeId: string;
  /** Pushes one sale of one line at `unitPriceMinor` (GST 5 %, intra-state); returns its id. */
  sell(productId: string, unitPriceMinor: number): Promise<string>;
  /** Every document of a collection from the start (small pages, all of them). */
  pullAll(collection: SyncCollection): Promise<Record<string, unknown>[]>;
};

/** Enrols a terminal with `code` on the server at `baseUrl`. */
export async function enrolTerminal(baseUrl: string, code: string): Promise<TerminalClient> {
  const enrolled = await enrollDevice(fetch, baseUrl, code, 'E2E till');
  const api = createSyncApi(
    fetch,
    baseUrl,
    createAccessTokens(fetch, enrolled, { now: () => Date.now() }),
  );
  let invoice = 0;
  return {
    storeId: enrolled.storeId,
    async sell(productId, unitPriceMinor) {
      const gross = unitPriceMinor;
      const taxable = Math.floor((gross * 100) / 105);
      const tax = gross - taxable;
      const cgst = Math.floor(tax / 2);
      const now = new Date();
      invoice += 1;
      const sale: Sale = {
        id: randomUUID(),
        schemaVersion: SALE_SCHEMA_VERSION,
        kind: 'sale',
        storeId: enrolled.storeId,
        terminalId: enrolled.terminalCode,
        cashierId: null,
        invoiceNo: `${enrolled.terminalCode}/E2E/${String(invoice).padStart(6, '0')}`,
        originalSaleId: null,
        customerId: null,
        currency: 'INR',
        supplyType: 'intra',
        createdAt: now.toISOString(),
        businessDate: businessDate(now),
        lines: [
          {
            lineNo: 1,
            productId,
            name: productId,
            hsn: '1905',
            qtyBase: 1,
            priceBasisQty: 1,
            unitPriceMinor,
            mrpMinor: unitPriceMinor,
            discountMinor: 0,
            grossMinor: gross,
            netMinor: gross,
            taxableMinor: taxable,
            cgstMinor: cgst,
            sgstMinor: tax - cgst,
            igstMinor: 0,
            cessMinor: 0,
            gstRateBp: 500,
            cessRateBp: 0,
          },
        ],
        billDiscountMinor: 0,
        taxBreakdown: [],
        totals: {
          grossMinor: gross,
          discountMinor: 0,
          netMinor: gross,
          taxableMinor: taxable,
          cgstMinor: cgst,
          sgstMinor: tax - cgst,
          igstMinor: 0,
          cessMinor: 0,
          roundOffMinor: 0,
          totalMinor: gross,
          mrpTotalMinor: gross,
          savingsMinor: 0,
        },
        payments: [
          {
            method: 'cash',
            amountMinor: gross,
            tenderedMinor: null,
            changeMinor: null,
            reference: null,
            customerId: null,
          },
        ],
        _deleted: false,
      };
      const { conflicts } = await api.push('sales', [{ newDocumentState: sale }]);
      if (conflicts.length > 0) throw new Error(`push conflict: ${JSON.stringify(conflicts)}`);
      return sale.id;
    },
    async pullAll(collection) {
      try {
        return await pullAll(api, collection, 500);
      } catch (error) {
        // Said with the status, so a test can tell a refused device from a broken server.
        if (error instanceof SyncHttpError) {
          throw new Error(`pull ${collection}: ${String(error.status)} ${error.code}`, {
            cause: error,
          });
        }
        throw error;
      }
    },
  };
}
