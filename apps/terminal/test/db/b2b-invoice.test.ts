import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCatalogue } from '../../src/renderer/catalogue/catalogue';
import type { BillContext } from '../../src/renderer/features/billing/bill-preview';
import { cartReducer, EMPTY_CART, type CartState } from '../../src/renderer/features/billing/cart';
import { completeBill } from '../../src/renderer/features/billing/complete-bill';
import { resolveScan } from '../../src/renderer/features/billing/scan';
import { invoicePdfOfSale } from '../../src/renderer/features/invoice/invoice-document';
import { completeReturn } from '../../src/renderer/features/returns/complete-return';
import { TEST_CATALOGUE, TEST_PRICE_CONTEXT } from '../../src/renderer/testing/catalogue-fixtures';
import { TEST_STORE } from '../../src/renderer/testing/receipt-fixtures';
import { counterDepsOf, openTestDatabase, type TestDatabase } from './open-test-database';

/**
 * A B2B bill at a Karnataka counter (store state 29) to a Tamil Nadu buyer: stored as an
 * inter-state sale with its buyer and place of supply, refused with an invalid GSTIN, credited
 * back to the same buyer, and printed as an A4 tax invoice naming them.
 */

const KARNATAKA: BillContext = { currency: 'INR', allowCredit: false, storeStateCode: '29' };
const HOTEL = {
  gstin: '33AABCT1332L1ZL',
  name: 'Hotel Saravana',
  stateCode: '33',
  address: 'T. Nagar, Chennai 600017',
};
const catalogue = createCatalogue(TEST_CATALOGUE);

function b2bCart(buyer: CartState['buyer']): CartState {
  const outcome = resolveScan(catalogue, '8901030000017', TEST_PRICE_CONTEXT);
  if (outcome.kind !== 'line') throw new Error('no soap');
  return [
    { type: 'add', line: { ...outcome.line, key: 'k1' } },
    { type: 'setBuyer', buyer },
    { type: 'addPayment', payment: { method: 'upi', amountMinor: 4000, reference: 'UPI-B2B' } },
  ].reduce((cart, action) => cartReducer(cart, action as never), EMPTY_CART);
}

/** The text of a PDF (poppler's pdftotext, as an accountant's tools would read it). */
function pdfText(dir: string, bytes: Uint8Array): string {
  const file = join(dir, 'invoice.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('a B2B inter-state bill at the counter', () => {
  let t: TestDatabase;

  beforeEach(async () => {
    t = await openTestDatabase();
    await t.db.products.bulkInsert(TEST_CATALOGUE.products);
  });
  afterEach(async () => {
    await t.close();
  });

  it('stores buyer, place of supply 33 and IGST, and its credit note copies them', async () => {
    const result = await completeBill(counterDepsOf(t), b2bCart(HOTEL), KARNATAKA);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.sale).toMatchObject({
      schemaVersion: 2,
      supplyType: 'inter',
      placeOfSupply: '33',
      invoiceKind: 'tax-invoice',
      buyer: HOTEL,
      // Soap ₹40 at 18 %: taxable round(4000 / 1.18) = 3390, IGST 610, no CGST or SGST.
      totals: { taxableMinor: 3390, igstMinor: 610, cgstMinor: 0, sgstMinor: 0, totalMinor: 4000 },
    });
    const credit = await completeReturn(counterDepsOf(t), result.sale, new Map([[1, 1]]));
    if (!credit.ok) throw new Error(JSON.stringify(credit));
    expect(credit.sale).toMatchObject({
      kind: 'return',
      supplyType: 'inter',
      placeOfSupply: '33',
      invoiceKind: 'tax-invoice',
      buyer: HOTEL,
      totals: { igstMinor: 610, cgstMinor: 0 },
    });
  });

  it('refuses a buyer GSTIN with a wrong check character and stores nothing', async () => {
    const result = await completeBill(
      counterDepsOf(t),
      b2bCart({ ...HOTEL, gstin: '33AABCT1332L1ZA' }),
      KARNATAKA,
    );
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'BUYER_GSTIN_INVALID' }] });
    expect(await t.db.sales.count().exec()).toBe(0);
  });

  it('prints the A4 tax invoice with the buyer’s GSTIN, IGST and the place of supply', async () => {
    const result = await completeBill(counterDepsOf(t), b2bCart(HOTEL), KARNATAKA);
    if (!result.ok) throw new Error(JSON.stringify(result));
    const bytes = await invoicePdfOfSale(t.db, result.sale, TEST_STORE, 'en');
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const text = pdfText(t.dir, bytes);
    expect(text).toContain('TAX INVOICE');
    expect(text).toContain(HOTEL.gstin);
    expect(text).toContain('IGST');
    expect(text).toContain('Tamil Nadu');
    expect(text).toContain(result.sale.invoiceNo);
    expect(text).not.toContain('CGST');
  });
});
