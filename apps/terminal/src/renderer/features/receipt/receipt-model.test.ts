import { describe, expect, it } from 'vitest';
import { formattersFor } from '../../i18n/use-format';
import { TEST_SALE, TEST_STORE } from '../../testing/receipt-fixtures';
import { b2bSale, billOfSupplySale } from './receipt-gst.fixture';
import { receiptModelOf } from './receipt-model';

const t = (key: string, values?: Record<string, string>) =>
  values === undefined ? key : `${key} ${Object.values(values).join(' ')}`;
const format = formattersFor('en', (key) => t(key));

describe('receiptModelOf', () => {
  it('keeps a walk-in tax invoice as it was: no buyer, no place of supply, taxes shown', () => {
    const model = receiptModelOf(TEST_SALE, TEST_STORE, format, t);
    expect(model.title).toBe('receipt.taxInvoice');
    expect(model.buyer).toBeNull();
    expect(model.placeOfSupply).toBeNull();
    expect(model.legend).toBeNull();
    expect(model.showsTax).toBe(true);
    expect(model.items.map((item) => item.gstRate)).toEqual(['5%', '5%']);
    expect(model.totals.map((row) => row.label)).toEqual([
      'receipt.mrpTotal',
      'receipt.taxable',
      'CGST',
      'SGST',
      'receipt.roundOff',
    ]);
    expect(model.taxRows).toHaveLength(1);
  });

  it('names the buyer, its GSTIN and the place of supply of a B2B sale', () => {
    const model = receiptModelOf(b2bSale(), TEST_STORE, format, t);
    expect(model.title).toBe('receipt.taxInvoice');
    expect(model.buyer).toEqual({
      label: 'receipt.buyer',
      name: 'Hotel Annapoorna',
      gstin: '33AABCT1332L1ZL',
    });
    expect(model.placeOfSupply).toEqual({
      label: 'receipt.placeOfSupply',
      amount: 'Tamil Nadu (33)',
    });
    expect(model.hasIgst).toBe(true);
    expect(model.totals.map((row) => row.label)).toContain('IGST');
    const hindi = receiptModelOf(b2bSale(), TEST_STORE, format, t, null, 'hi');
    expect(hindi.placeOfSupply?.amount).toBe('तमिलनाडु (33)');
  });

  it('gives a bill of supply its title and legend and no tax at all', () => {
    const model = receiptModelOf(billOfSupplySale(), TEST_STORE, format, t);
    expect(model.title).toBe('receipt.billOfSupply');
    expect(model.legend).toBe('receipt.compositionLegend');
    expect(model.showsTax).toBe(false);
    expect(model.taxRows).toEqual([]);
    expect(model.items.map((item) => item.gstRate)).toEqual([null, null]);
    expect(model.totals.map((row) => row.label)).toEqual(['receipt.mrpTotal', 'receipt.roundOff']);
    // Its credit note is a credit note, still without tax.
    const credit = receiptModelOf({ ...billOfSupplySale(), kind: 'return' }, TEST_STORE, format, t);
    expect(credit.title).toBe('receipt.creditNote');
    expect(credit.showsTax).toBe(false);
  });
});
