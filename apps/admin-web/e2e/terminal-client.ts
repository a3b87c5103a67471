import { randomUUID } from 'node:crypto';
import { SALE_SCHEMA_VERSION, type Sale, businessDate } from '@kiryana/shared';

/**
 * A store terminal as the sync server sees it, over HTTP only: enrols with a one-time code, takes
 * access tokens, pushes sales and pulls reference data, exactly through the public sync API.
 */
export type TerminalClient = {
  readonly storeId: string;
  /** Pushes one sale of one line at `unitPriceMinor` (GST 5 %, intra-state); returns its id. */
  sell(productId: string, unitPriceMinor: number): Promise<string>;
  /** Every document of a collection from the start (small pages, all of them). */
  pullAll(collection: string): Promise<Record<string, unknown>[]>;
};

async function postJson<T>(url: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Enrols a terminal with `code` on the server at `baseUrl`. */
export async function enrolTerminal(baseUrl: string, code: string): Promise<TerminalClient> {
  const enrolled = await postJson<{
    deviceId: string;
    deviceSecret: string;
    storeId: string;
    terminalCode: string;
  }>(`${baseUrl}/v1/devices/enroll`, { code, terminalName: 'E2E till' });
  const { accessToken } = await postJson<{ accessToken: string }>(`${baseUrl}/v1/devices/token`, {
    deviceId: enrolled.deviceId,
    secret: enrolled.deviceSecret,
  });
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
      const conflicts = await postJson<unknown[]>(
        `${baseUrl}/v1/sync/sales/push`,
        [{ newDocumentState: sale }],
        accessToken,
      );
      if (conflicts.length > 0) throw new Error(`push conflict: ${JSON.stringify(conflicts)}`);
      return sale.id;
    },
    async pullAll(collection) {
      const documents: Record<string, unknown>[] = [];
      let checkpoint: unknown;
      for (;;) {
        const query = new URLSearchParams({ limit: '500' });
        if (checkpoint !== undefined) query.set('checkpoint', JSON.stringify(checkpoint));
        const response = await fetch(`${baseUrl}/v1/sync/${collection}/pull?${query.toString()}`, {
          headers: { authorization: `Bearer ${accessToken}` },
        });
        if (!response.ok) throw new Error(`pull ${collection}: ${response.status}`);
        const page = (await response.json()) as {
          documents: Record<string, unknown>[];
          checkpoint: unknown;
        };
        documents.push(...page.documents);
        checkpoint = page.checkpoint;
        if (page.documents.length < 500) return documents;
      }
    },
  };
}
