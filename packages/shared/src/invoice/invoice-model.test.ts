import { describe, expect, it } from 'vitest';
import { base, billOf, ghee, rice, shampoo } from '../bill/bill.fixtures';
import { type Store } from '../documents/store';
import { saleDocumentOfBill } from '../sales/sale-document.fixtures';
import {
  COMPOSITION_LEGEND,
  formatInvoiceAmount,
  formatInvoiceRate,
  invoiceModelOf,
} from './invoice-model';

const store: Store = {
  id: 'store-1',
  schemaVersion: 2,
  code: 'BLR1',
  nameEn: 'Kiryana Indiranagar',
  nameHi: 'किराना इंदिरानगर',
  regionId: 'region-south',
  gstin: '29AABCK1234L1ZX',
  stateCode: '29',
  address: '12 CMH Road, Indiranagar, Bengaluru 560038',
  currency: 'INR',
  timezone: 'Asia/Kolkata',
  legalName: 'Kiryana Retail Private Limited',
  updatedAt: '2026-04-01T00:00:00.000Z',
  _deleted: false,
};
const units = { 'p-shampoo': 'piece', 'p-ghee': 'piece', 'p-rice': 'g' } as const;
const buyer = {
  gstin: '33AABCT1332L1ZL',
  name: 'Hotel Annapoorna',
  stateCode: '33',
  address: '4 Mount Road, Chennai',
};

describe('formatInvoiceAmount', () => {
  it('groups rupees the Indian way with two decimals', () => {
    expect(formatInvoiceAmount(0)).toBe('0.00');
    expect(formatInvoiceAmount(5)).toBe('0.05');
    expect(formatInvoiceAmount(-5)).toBe('-0.05');
    expect(formatInvoiceAmount(99_999)).toBe('999.99');
    expect(formatInvoiceAmount(1_000_00)).toBe('1,000.00');
    expect(formatInvoiceAmount(1_20_305_50)).toBe('1,20,305.50');
    expect(formatInvoiceAmount(99_99_99_999_99)).toBe('99,99,99,999.99');
    expect(formatInvoiceAmount(1_23_45_67_890_12)).toBe('1,23,45,67,890.12');
  });

  it('prints rates without trailing zeros', () => {
    expect(formatInvoiceRate(0)).toBe('0%');
    expect(formatInvoiceRate(25)).toBe('0.25%');
    expect(formatInvoiceRate(250)).toBe('2.5%');
    expect(formatInvoiceRate(1800)).toBe('18%');
  });
});

describe('invoiceModelOf', () => {
  it('lays out a B2B inter-state tax invoice with every Rule 46 field', () => {
    const bill = billOf({
      ...base,
      supplyType: 'inter',
      billDiscountMinor: 830,
      payments: [{ method: 'cash', amountMinor: 29000 }],
    });
    const sale = saleDocumentOfBill(bill, {
      buyer,
      placeOfSupply: '33',
      invoiceKind: 'tax-invoice',
    });
    const model = invoiceModelOf({ sale, store, units });
    expect(model.title).toBe('TAX INVOICE');
    expect(model.showsTax).toBe(true);
    expect(model.interState).toBe(true);
    expect(model.supplier).toEqual({
      legalName: 'Kiryana Retail Private Limited',
      tradeName: 'Kiryana Indiranagar',
      address: store.address,
      gstin: '29AABCK1234L1ZX',
      state: { code: '29', name: 'Karnataka' },
    });
    expect(model.recipient).toEqual({
      name: 'Hotel Annapoorna',
      address: '4 Mount Road, Chennai',
      gstin: '33AABCT1332L1ZL',
      state: { code: '33', name: 'Tamil Nadu' },
    });
    expect(model.placeOfSupply).toEqual({ code: '33', name: 'Tamil Nadu' });
    expect(model.invoiceNo).toBe('BLR1T1/26/000001');
    expect(model.invoiceDate).toBe('01-04-2026');
    expect(model.reverseCharge).toBe('No');
    expect(model.legend).toBeNull();
    expect(model.original).toBeNull();
    expect(model.lines.map((l) => [l.description, l.hsn, l.qty, l.uqc, l.rate, l.ratePer])).toEqual(
      [
        ['Shampoo 340 ml', '3305', '1', 'NOS', '118.00', 'NOS'],
        ['Ghee 500 ml', '0405', '2', 'NOS', '52.50', 'NOS'],
        ['Sona masoori (loose)', '1006', '1.250', 'KGS', '60.00', 'KGS'],
      ],
    );
    // Every amount is the sale's own figure, formatted.
    bill.lines.forEach((line, i) => {
      const printed = model.lines[i];
      expect(printed?.taxable).toBe(formatInvoiceAmount(line.taxableMinor));
      expect(printed?.igst).toBe(formatInvoiceAmount(line.igstMinor));
      expect(printed?.discount).toBe(formatInvoiceAmount(line.discountMinor));
      expect(printed?.amount).toBe(formatInvoiceAmount(line.netMinor));
    });
    expect(model.totals.map((t) => t.key)).toEqual([
      'value',
      'discount',
      'taxable',
      'igst',
      'roundOff',
      'total',
    ]);
    expect(model.grandTotal).toBe(formatInvoiceAmount(bill.totals.totalMinor));
    expect(model.amountInWords).toBe('Rupees Two Hundred and Ninety Only');
    expect(model.issuedAt).toBe(sale.createdAt);
  });

  it('sums the HSN summary per HSN, UQC and rate', () => {
    const twoShampoos = {
      ...shampoo,
      productId: 'p-shampoo-2',
      name: 'Shampoo 180 ml',
      unitPriceMinor: 5900,
    };
    const bill = billOf({
      ...base,
      lines: [shampoo, ghee, rice, twoShampoos],
      payments: [{ method: 'cash', amountMinor: 35700 }],
    });
    const sale = saleDocumentOfBill(bill);
    const model = invoiceModelOf({ sale, store, units: { ...units, 'p-shampoo-2': 'piece' } });
    expect(model.interState).toBe(false);
    expect(model.hsnSummary.map((r) => [r.hsn, r.uqc, r.qty, r.gstRate])).toEqual([
      ['0405', 'NOS', '2', '5%'],
      ['1006', 'KGS', '1.250', '0%'],
      ['3305', 'NOS', '2', '18%'],
    ]);
    const shampoos = bill.lines.filter((l) => l.hsn === '3305');
    const row = model.hsnSummary[2];
    expect(row?.taxable).toBe(
      formatInvoiceAmount(shampoos.reduce((s, l) => s + l.taxableMinor, 0)),
    );
    expect(row?.cgst).toBe(formatInvoiceAmount(shampoos.reduce((s, l) => s + l.cgstMinor, 0)));
    expect(row?.totalTax).toBe(
      formatInvoiceAmount(shampoos.reduce((s, l) => s + l.cgstMinor + l.sgstMinor, 0)),
    );
    expect(model.totals.map((t) => t.key)).toEqual(['value', 'taxable', 'cgst', 'sgst', 'total']);
    // A walk-in sale of version 1: no recipient, place of supply the store's state.
    const v1 = invoiceModelOf({ sale: { ...sale, schemaVersion: 1 }, store, units });
    expect(v1.recipient).toBeNull();
    expect(v1.placeOfSupply).toEqual({ code: '29', name: 'Karnataka' });
  });

  it('names an unregistered buyer with its address and state (Rule 46(e))', () => {
    const unregistered = {
      gstin: null,
      name: 'Asha Rao',
      stateCode: '32',
      address: 'MG Road, Kochi',
    };
    const bill = billOf({
      ...base,
      supplyType: 'inter',
      payments: [{ method: 'cash', amountMinor: 29800 }],
    });
    const sale = saleDocumentOfBill(bill, { buyer: unregistered, placeOfSupply: '32' });
    const model = invoiceModelOf({ sale, store, units });
    expect(model.recipient).toEqual({
      name: 'Asha Rao',
      address: 'MG Road, Kochi',
      gstin: null,
      state: { code: '32', name: 'Kerala' },
    });
    expect(model.placeOfSupply).toEqual({ code: '32', name: 'Kerala' });
  });

  it('lays out a bill of supply without tax and with the composition legend', () => {
    const untaxed = [shampoo, ghee].map((line) => ({ ...line, gstRateBp: 0 }));
    const sale = saleDocumentOfBill(
      billOf({ ...base, lines: untaxed, payments: [{ method: 'cash', amountMinor: 22300 }] }),
      {
        invoiceKind: 'bill-of-supply',
      },
    );
    const model = invoiceModelOf({ sale, store: { ...store, composition: true }, units });
    expect(model.title).toBe('BILL OF SUPPLY');
    expect(model.showsTax).toBe(false);
    expect(model.legend).toBe(COMPOSITION_LEGEND);
    expect(model.totals.map((t) => t.key)).toEqual(['value', 'total']);
  });

  it('lays out a credit note with the original invoice, in Hindi', () => {
    const original = saleDocumentOfBill(billOf(base), { buyer, placeOfSupply: '33' });
    const ret = saleDocumentOfBill(
      billOf({ ...base, lines: [shampoo], payments: [{ method: 'cash', amountMinor: 11800 }] }),
      {
        id: '01890a5d-ac96-774b-bcce-b302099a8058',
        kind: 'return',
        invoiceNo: 'BLR1T1/26/000007',
        originalSaleId: original.id,
        businessDate: '2026-04-03',
        placeOfSupply: '33',
      },
    );
    const model = invoiceModelOf({ sale: ret, store, units, original, language: 'hi' });
    expect(model.title).toBe('CREDIT NOTE');
    expect(model.original).toEqual({ invoiceNo: 'BLR1T1/26/000001', invoiceDate: '01-04-2026' });
    expect(model.recipient?.name).toBe('Hotel Annapoorna');
    expect(model.supplier.tradeName).toBe('किराना इंदिरानगर');
    expect(model.placeOfSupply).toEqual({ code: '33', name: 'तमिलनाडु' });
    expect(model.amountInWords).toBe('एक सौ अठारह रुपये मात्र');
  });
});
