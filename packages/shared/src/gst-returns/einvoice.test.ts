import { describe, expect, it } from 'vitest';
import type { Sale } from '../documents/sale';
import { buildEinvoice, einvoiceFinancialYear, einvoiceRefusalOf, irnInputOf } from './einvoice';

const line = {
  lineNo: 1,
  productId: 'rice',
  name: 'Rice',
  hsn: '1006',
  qtyBase: 2500,
  priceBasisQty: 1000,
  unitPriceMinor: 4200,
  mrpMinor: 4200,
  discountMinor: 0,
  grossMinor: 10500,
  netMinor: 10500,
  taxableMinor: 10000,
  cgstMinor: 0,
  sgstMinor: 0,
  igstMinor: 500,
  cessMinor: 0,
  gstRateBp: 500,
  cessRateBp: 0,
};
const sale: Sale = {
  id: '0190a0a0-0000-7000-8000-000000000001',
  schemaVersion: 2,
  kind: 'sale',
  storeId: 's1',
  terminalId: 'T1',
  cashierId: null,
  invoiceNo: 'T1/25/000007',
  originalSaleId: null,
  customerId: null,
  currency: 'INR',
  supplyType: 'inter',
  buyer: {
    gstin: '29AAFCC9980M1ZR',
    name: 'Karnataka Stores',
    stateCode: '29',
    address: '12 MG Road, Bengaluru',
  },
  placeOfSupply: '29',
  invoiceKind: 'tax-invoice',
  createdAt: '2026-03-14T10:00:00.000Z',
  businessDate: '2026-03-14',
  lines: [line],
  billDiscountMinor: 0,
  taxBreakdown: [],
  totals: {
    grossMinor: 10500,
    discountMinor: 0,
    netMinor: 10500,
    taxableMinor: 10000,
    cgstMinor: 0,
    sgstMinor: 0,
    igstMinor: 500,
    cessMinor: 0,
    roundOffMinor: 0,
    totalMinor: 10500,
    mrpTotalMinor: 10500,
    savingsMinor: 0,
  },
  payments: [
    {
      method: 'credit',
      amountMinor: 10500,
      tenderedMinor: null,
      changeMinor: null,
      reference: null,
      customerId: 'c1',
    },
  ],
  _deleted: false,
};
const seller = {
  gstin: '27AAPFU0939F1ZV',
  legalName: 'Kiryana Retail Pvt Ltd',
  tradeName: 'Kiryana Pune',
  address: 'Shop 4, FC Road, Pune',
  stateCode: '27',
};

describe('e-invoice', () => {
  it('writes the IRN input as the IRP does (the server hashes it: offline-irp.test.ts)', () => {
    const input = irnInputOf('29AAFCC9980M1ZR', '2019-06-01', 'INV', '2019-20/KA/1');
    expect(input).toBe('29AAFCC9980M1ZR2019-20INV2019-20/KA/1');
    expect(einvoiceFinancialYear('2020-01-03')).toBe('2019-20');
    expect(einvoiceFinancialYear('2026-04-01')).toBe('2026-27');
  });

  it('is only for B2B tax invoices of e-invoicing stores', () => {
    expect(einvoiceRefusalOf(sale, null, { einvoicing: true, composition: false })).toBeNull();
    expect(einvoiceRefusalOf(sale, null, { einvoicing: false, composition: false })).toBe(
      'STORE_NOT_EINVOICING',
    );
    expect(
      einvoiceRefusalOf({ ...sale, buyer: null }, null, { einvoicing: true, composition: false }),
    ).toBe('NOT_B2B');
  });

  it('writes schema 1.1 with amounts from paise and the quantity in its UQC', () => {
    const json = buildEinvoice(sale, null, seller, () => 'g');
    expect(json.DocDtls).toEqual({ Typ: 'INV', No: 'T1/25/000007', Dt: '14/03/2026' });
    expect(json.SellerDtls).toEqual({
      Gstin: '27AAPFU0939F1ZV',
      LglNm: 'Kiryana Retail Pvt Ltd',
      TrdNm: 'Kiryana Pune',
      Addr1: 'Shop 4, FC Road, Pune',
      Loc: 'Pune',
      Stcd: '27',
    });
    expect(json.BuyerDtls.Pos).toBe('29');
    expect(json.ItemList).toEqual([
      {
        SlNo: '1',
        IsServc: 'N',
        HsnCd: '1006',
        Qty: 2.5,
        Unit: 'KGS',
        UnitPrice: 40,
        TotAmt: 100,
        Discount: 0,
        AssAmt: 100,
        GstRt: 5,
        IgstAmt: 5,
        CgstAmt: 0,
        SgstAmt: 0,
        CesAmt: 0,
        TotItemVal: 105,
      },
    ]);
    expect(json.ValDtls).toEqual({
      AssVal: 100,
      CgstVal: 0,
      SgstVal: 0,
      IgstVal: 5,
      CesVal: 0,
      RndOffAmt: 0,
      TotInvVal: 105,
    });
  });
});
