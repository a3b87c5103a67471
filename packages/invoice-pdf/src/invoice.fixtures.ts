import {
  type BillLineInput,
  type Sale,
  type Store,
  computeBill,
  invoiceModelOf,
  type InvoiceModel,
  saleSchema,
} from '@kiryana/shared';

/** Test fixtures: a store, its products and sales made by the real bill arithmetic. */

export const STORE: Store = {
  id: 'store-blr-1',
  schemaVersion: 2,
  code: 'BLR1',
  nameEn: 'Kiryana Indiranagar',
  nameHi: 'किराना इंदिरानगर',
  regionId: 'region-south',
  gstin: '29AABCK1234L1ZX',
  stateCode: '29',
  address: '12 CMH Road, Indiranagar, Bengaluru, Karnataka 560038',
  currency: 'INR',
  timezone: 'Asia/Kolkata',
  legalName: 'Kiryana Retail Private Limited',
  updatedAt: '2026-04-01T00:00:00.000Z',
  _deleted: false,
};

const line = (
  over: Partial<BillLineInput> & Pick<BillLineInput, 'productId' | 'name'>,
): BillLineInput => ({
  hsn: '0405',
  qtyBase: 1,
  priceBasisQty: 1,
  unitPriceMinor: 10_000,
  mrpMinor: 10_000,
  discountMinor: 0,
  gstRateBp: 500,
  cessRateBp: 0,
  ...over,
});

export const LINES: readonly BillLineInput[] = [
  line({
    productId: 'p-ghee',
    name: 'Nandini Ghee 1 l',
    hsn: '0405',
    qtyBase: 12,
    unitPriceMinor: 65_000,
    mrpMinor: 68_000,
  }),
  line({
    productId: 'p-basmati',
    name: 'बासमती चावल (खुला) Basmati rice, loose',
    hsn: '1006',
    qtyBase: 25_500,
    priceBasisQty: 1000,
    unitPriceMinor: 12_000,
    mrpMinor: 12_000,
    gstRateBp: 0,
  }),
  line({
    productId: 'p-shampoo',
    name: 'Shampoo 340 ml',
    hsn: '3305',
    qtyBase: 6,
    unitPriceMinor: 11_800,
    mrpMinor: 12_000,
    gstRateBp: 1800,
  }),
  line({
    productId: 'p-cola',
    name: 'Aerated drink 750 ml',
    hsn: '22021010',
    qtyBase: 24,
    unitPriceMinor: 4_000,
    mrpMinor: 4_000,
    gstRateBp: 4000,
  }),
];

const UNITS = {
  'p-ghee': 'piece',
  'p-basmati': 'g',
  'p-shampoo': 'piece',
  'p-cola': 'piece',
} as const;

const BUYER = {
  gstin: '33AABCT1332L1ZL',
  name: 'Hotel Annapoorna Private Limited',
  stateCode: '33',
  address: '4 Mount Road, Teynampet, Chennai, Tamil Nadu 600018',
};

/** A sale document of lines, paid in cash, checked by the shared schema. */
export function saleOf(
  lines: readonly BillLineInput[],
  over: Partial<Sale> & Pick<Sale, 'supplyType'>,
  billDiscountMinor = 0,
): Sale {
  const input = { currency: 'INR' as const, supplyType: over.supplyType, lines, billDiscountMinor };
  // Ask once for the payable (the refusal names it), then pay exactly that.
  const first = computeBill({ ...input, payments: [{ method: 'cash', amountMinor: 1 }] });
  const payable = first.ok
    ? first.bill.totals.totalMinor
    : Number(first.errors.find((e) => 'payableMinor' in e.details)?.details['payableMinor']);
  const result = computeBill({ ...input, payments: [{ method: 'cash', amountMinor: payable }] });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const { bill } = result;
  return saleSchema.parse({
    id: '01890a5d-ac96-774b-bcce-b302099a8057',
    schemaVersion: 2,
    kind: 'sale',
    storeId: STORE.id,
    terminalId: 'terminal-1',
    cashierId: null,
    invoiceNo: 'BLR1T1/26/000042',
    originalSaleId: null,
    customerId: null,
    currency: 'INR',
    createdAt: '2026-04-01T04:30:00.000Z',
    businessDate: '2026-04-01',
    lines: bill.lines,
    billDiscountMinor: bill.billDiscountMinor,
    taxBreakdown: bill.taxBreakdown,
    totals: bill.totals,
    payments: bill.payments.map((p) => ({
      ...p,
      changeMinor: p.method === 'cash' ? p.changeMinor : null,
    })),
    _deleted: false,
    ...over,
  });
}

/** A B2B inter-state tax invoice (Karnataka → Tamil Nadu) with a bill discount. */
export function b2bInterState(): InvoiceModel {
  const sale = saleOf(
    LINES,
    { supplyType: 'inter', buyer: BUYER, placeOfSupply: '33', invoiceKind: 'tax-invoice' },
    5_000,
  );
  return invoiceModelOf({ sale, store: STORE, units: UNITS });
}

/** A composition store's bill of supply to a walk-in buyer. */
export function billOfSupply(language: 'en' | 'hi' = 'en'): InvoiceModel {
  const untaxed = LINES.slice(0, 3).map((l) => ({ ...l, gstRateBp: 0 }));
  const sale = saleOf(untaxed, {
    supplyType: 'intra',
    invoiceKind: 'bill-of-supply',
    invoiceNo: 'BLR1T1/26/000043',
  });
  return invoiceModelOf({ sale, store: { ...STORE, composition: true }, units: UNITS, language });
}

/** A credit note returning the shampoo of the B2B sale. */
export function creditNote(language: 'en' | 'hi' = 'en'): InvoiceModel {
  const original = saleOf(LINES, { supplyType: 'inter', buyer: BUYER, placeOfSupply: '33' }, 5_000);
  const shampoo = LINES.filter((l) => l.productId === 'p-shampoo').map((l) => ({
    ...l,
    qtyBase: 2,
  }));
  const ret = saleOf(shampoo, {
    supplyType: 'inter',
    id: '01890a5d-ac96-774b-bcce-b302099a8099',
    kind: 'return',
    invoiceNo: 'BLR1T1/26/000051',
    originalSaleId: original.id,
    buyer: BUYER,
    placeOfSupply: '33',
    createdAt: '2026-04-03T06:00:00.000Z',
    businessDate: '2026-04-03',
  });
  return invoiceModelOf({ sale: ret, store: STORE, units: UNITS, original, language });
}
