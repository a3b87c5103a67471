import { base, billOf } from '../bill/bill.fixtures';
import type { Bill } from '../bill/index';
import { type Sale, SALE_SCHEMA_VERSION, saleSchema } from '../documents/index';

/** Test fixtures for the sale document checks: documents made from bills as a terminal makes them. */

/** The sale (or return) document of a computed bill, checked against the shared schema. */
export function saleDocumentOfBill(bill: Bill, overrides: Partial<Sale> = {}): Sale {
  return saleSchema.parse({
    id: '01890a5d-ac96-774b-bcce-b302099a8057',
    schemaVersion: SALE_SCHEMA_VERSION,
    kind: 'sale',
    storeId: 'store-1',
    terminalId: 'device-1',
    cashierId: null,
    invoiceNo: 'BLR1T1/26/000001',
    originalSaleId: null,
    customerId: null,
    currency: bill.currency,
    supplyType: bill.supplyType,
    createdAt: '2026-04-01T04:30:00.000Z',
    businessDate: '2026-04-01',
    lines: bill.lines.map((line) => ({ ...line })),
    billDiscountMinor: bill.billDiscountMinor,
    taxBreakdown: bill.taxBreakdown.map((row) => ({ ...row })),
    totals: { ...bill.totals },
    payments: bill.payments.map((payment) => ({
      ...payment,
      changeMinor: payment.method === 'cash' ? payment.changeMinor : null,
    })),
    _deleted: false,
    ...overrides,
  });
}

/** Shampoo, ghee and loose rice, ₹298, paid by cash and UPI (bill.fixtures.ts `base`). */
export const TEST_SALE: Sale = saleDocumentOfBill(billOf(base));
