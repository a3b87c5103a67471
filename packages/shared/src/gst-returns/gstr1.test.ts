import { describe, expect, it } from 'vitest';
import type { Sale, SaleLine } from '../documents/sale';
import { buildGstr1 } from './gstr1-build';
import { gstr1CsvRows } from './gstr1-csv';
import { decimalText, rupeesNumber } from './decimal';

const BUYER = {
  gstin: '27AAPFU0939F1ZV',
  name: 'Sharma Traders',
  stateCode: '27',
  address: 'Pune',
};

function line(
  lineNo: number,
  hsn: string,
  qty: number,
  rateBp: number,
  split: Partial<SaleLine>,
): SaleLine {
  const taxable = split.taxableMinor ?? 0;
  const tax = (split.cgstMinor ?? 0) + (split.sgstMinor ?? 0) + (split.igstMinor ?? 0);
  return {
    lineNo,
    productId: `p-${hsn}`,
    name: `Item ${hsn}`,
    hsn,
    qtyBase: qty,
    priceBasisQty: 1,
    unitPriceMinor: (taxable + tax) / qty,
    mrpMinor: (taxable + tax) / qty,
    discountMinor: 0,
    grossMinor: taxable + tax,
    netMinor: taxable + tax,
    taxableMinor: taxable,
    cgstMinor: 0,
    sgstMinor: 0,
    igstMinor: 0,
    cessMinor: 0,
    gstRateBp: rateBp,
    cessRateBp: 0,
    ...split,
  };
}

function doc(
  id: string,
  invoiceNo: string,
  date: string,
  lines: SaleLine[],
  extra: Partial<Sale> = {},
): Sale {
  const total = lines.reduce((t, l) => t + l.netMinor, 0);
  return {
    id,
    schemaVersion: 2,
    kind: 'sale',
    storeId: 's1',
    terminalId: 'T1',
    cashierId: null,
    invoiceNo,
    originalSaleId: null,
    customerId: null,
    currency: 'INR',
    supplyType: 'intra',
    createdAt: `${date}T10:00:00.000Z`,
    businessDate: date,
    lines,
    billDiscountMinor: 0,
    taxBreakdown: [],
    totals: {
      grossMinor: total,
      discountMinor: 0,
      netMinor: total,
      taxableMinor: 0,
      cgstMinor: 0,
      sgstMinor: 0,
      igstMinor: 0,
      cessMinor: 0,
      roundOffMinor: 0,
      totalMinor: total,
      mrpTotalMinor: total,
      savingsMinor: 0,
    },
    payments: [
      {
        method: 'cash',
        amountMinor: total,
        tenderedMinor: null,
        changeMinor: null,
        reference: null,
        customerId: null,
      },
    ],
    _deleted: false,
    ...extra,
  };
}

// A walk-in (version 1) bill, a B2B bill, a gap, a B2C large inter-state bill, two credit notes.
const a = doc(
  'a',
  'T1/25/000001',
  '2026-03-02',
  [line(1, '2201', 2, 1800, { taxableMinor: 10000, cgstMinor: 900, sgstMinor: 900 })],
  { schemaVersion: 1 },
);
const b = doc(
  'b',
  'T1/25/000002',
  '2026-03-03',
  [
    line(1, '1905', 2, 500, { taxableMinor: 10000, cgstMinor: 250, sgstMinor: 250 }),
    line(2, '0902', 1, 1800, { taxableMinor: 2000, cgstMinor: 180, sgstMinor: 180 }),
  ],
  { buyer: BUYER, placeOfSupply: '27', invoiceKind: 'tax-invoice' },
);
const c = doc(
  'c',
  'T1/25/000004',
  '2026-03-05',
  [line(1, '2201', 1, 1800, { taxableMinor: 1_00_000_00, igstMinor: 18_000_00 })],
  {
    supplyType: 'inter',
    placeOfSupply: '29',
    buyer: { gstin: null, name: 'R. Rao', stateCode: '29', address: 'Bengaluru' },
  },
);
const rb = doc(
  'rb',
  'T1/CN/000001',
  '2026-03-06',
  [line(1, '1905', 1, 500, { taxableMinor: 5000, cgstMinor: 125, sgstMinor: 125 })],
  { kind: 'return', originalSaleId: 'b' },
);
const ra = doc(
  'ra',
  'T1/CN/000002',
  '2026-03-07',
  [line(1, '2201', 1, 1800, { taxableMinor: 5000, cgstMinor: 450, sgstMinor: 450 })],
  { kind: 'return', originalSaleId: 'a', schemaVersion: 1 },
);
const composition = doc(
  'z',
  'Z1/25/000001',
  '2026-03-07',
  [line(1, '1905', 1, 0, { taxableMinor: 4000 })],
  { storeId: 's2', terminalId: 'Z1', invoiceKind: 'bill-of-supply' },
);

const result = buildGstr1({
  gstin: '27AAPFU0939F1ZV',
  period: '2026-03',
  stores: [
    { id: 's1', stateCode: '27', composition: false },
    { id: 's2', stateCode: '27', composition: true },
  ],
  documents: [ra, rb, c, b, a, composition],
  originals: new Map([
    ['a', a],
    ['b', b],
  ]),
  unitOf: () => 'piece',
});

describe('buildGstr1, a hand-worked month', () => {
  it('writes the header and leaves composition bills out', () => {
    expect(result.json.gstin).toBe('27AAPFU0939F1ZV');
    expect(result.json.fp).toBe('032026');
    expect(result.excludedCompositionStoreIds).toEqual(['s2']);
    expect(result.excludedDocuments).toBe(1);
  });

  it('lists the B2B invoice per buyer with one item per rate', () => {
    expect(result.json.b2b).toEqual([
      {
        ctin: '27AAPFU0939F1ZV',
        inv: [
          {
            inum: 'T1/25/000002',
            idt: '03-03-2026',
            val: 128.6,
            pos: '27',
            rchrg: 'N',
            inv_typ: 'R',
            itms: [
              { num: 1, itm_det: { txval: 100, rt: 5, iamt: 0, camt: 2.5, samt: 2.5, csamt: 0 } },
              { num: 2, itm_det: { txval: 20, rt: 18, iamt: 0, camt: 1.8, samt: 1.8, csamt: 0 } },
            ],
          },
        ],
      },
    ]);
  });

  it('lists the B2C large invoice under its place of supply', () => {
    expect(result.json.b2cl).toEqual([
      {
        pos: '29',
        inv: [
          {
            inum: 'T1/25/000004',
            idt: '05-03-2026',
            val: 118000,
            itms: [{ num: 1, itm_det: { txval: 100000, rt: 18, iamt: 18000, csamt: 0 } }],
          },
        ],
      },
    ]);
  });

  it('nets the B2C credit note into B2CS and reports the B2B one in CDNR', () => {
    expect(result.json.b2cs).toEqual([
      {
        sply_ty: 'INTRA',
        pos: '27',
        typ: 'OE',
        rt: 18,
        txval: 50,
        iamt: 0,
        camt: 4.5,
        samt: 4.5,
        csamt: 0,
      },
    ]);
    expect(result.json.cdnr).toEqual([
      {
        ctin: '27AAPFU0939F1ZV',
        nt: [
          {
            ntty: 'C',
            nt_num: 'T1/CN/000001',
            nt_dt: '06-03-2026',
            val: 52.5,
            pos: '27',
            rchrg: 'N',
            inv_typ: 'R',
            itms: [
              { num: 1, itm_det: { txval: 50, rt: 5, iamt: 0, camt: 1.25, samt: 1.25, csamt: 0 } },
            ],
          },
        ],
      },
    ]);
    expect(result.json.cdnur).toEqual([]);
  });

  it('splits the HSN summary into B2B and B2C, net of credit notes', () => {
    expect(result.json.hsn.hsn_b2b).toEqual([
      {
        num: 1,
        hsn_sc: '0902',
        uqc: 'NOS',
        qty: 1,
        rt: 18,
        txval: 20,
        iamt: 0,
        camt: 1.8,
        samt: 1.8,
        csamt: 0,
      },
      {
        num: 2,
        hsn_sc: '1905',
        uqc: 'NOS',
        qty: 1,
        rt: 5,
        txval: 50,
        iamt: 0,
        camt: 1.25,
        samt: 1.25,
        csamt: 0,
      },
    ]);
    expect(result.json.hsn.hsn_b2c).toEqual([
      {
        num: 1,
        hsn_sc: '2201',
        uqc: 'NOS',
        qty: 2,
        rt: 18,
        txval: 100050,
        iamt: 18000,
        camt: 4.5,
        samt: 4.5,
        csamt: 0,
      },
    ]);
  });

  it('counts a gap in a series as cancelled', () => {
    expect(result.json.doc_issue.doc_det).toEqual([
      {
        doc_num: 1,
        doc_typ: 'Invoices for outward supply',
        docs: [
          { num: 1, from: 'T1/25/000001', to: 'T1/25/000004', totnum: 4, cancel: 1, net_issue: 3 },
        ],
      },
      {
        doc_num: 5,
        doc_typ: 'Credit Note',
        docs: [
          { num: 1, from: 'T1/CN/000001', to: 'T1/CN/000002', totnum: 2, cancel: 0, net_issue: 2 },
        ],
      },
    ]);
  });

  it('writes each section as CSV with the same figures', () => {
    expect(gstr1CsvRows(result.json, 'b2b')).toEqual([
      [
        'buyer_gstin',
        'invoice_no',
        'invoice_date',
        'invoice_value',
        'place_of_supply',
        'rate',
        'taxable',
        'igst',
        'cgst',
        'sgst',
        'cess',
      ],
      [
        '27AAPFU0939F1ZV',
        'T1/25/000002',
        '03-03-2026',
        '128.60',
        '27',
        '5',
        '100.00',
        '0.00',
        '2.50',
        '2.50',
        '0.00',
      ],
      [
        '27AAPFU0939F1ZV',
        'T1/25/000002',
        '03-03-2026',
        '128.60',
        '27',
        '18',
        '20.00',
        '0.00',
        '1.80',
        '1.80',
        '0.00',
      ],
    ]);
    expect(gstr1CsvRows(result.json, 'docs')[1]).toEqual([
      'Invoices for outward supply',
      'T1/25/000001',
      'T1/25/000004',
      '4',
      '1',
      '3',
    ]);
  });
});

describe('decimal text', () => {
  it('writes integers as exact decimals', () => {
    expect(decimalText(4550, 2)).toBe('45.50');
    expect(decimalText(-5, 2)).toBe('-0.05');
    expect(decimalText(7, 0)).toBe('7');
    expect(rupeesNumber(90071992547409)).toBe(900719925474.09);
  });
});
