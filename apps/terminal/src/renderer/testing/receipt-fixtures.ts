import { computeBill, type Store } from '@kiryana/shared';
import type { Stored } from '../db/schemas';
import { saleDocumentOf } from '../features/billing/sale-document';

/** A store and a completed sale for receipt tests: two salt packets and 1.25 kg loose rice. */

export const TEST_STORE: Stored<Store> = {
  id: 'store-1',
  schemaVersion: 1,
  code: 'BLR1',
  nameEn: 'Kiryana Fresh, Indiranagar',
  nameHi: 'किराना फ्रेश, इंदिरानगर',
  regionId: 'region-1',
  gstin: '29ABCDE1234F1Z5',
  stateCode: '29',
  address: '12 100 Feet Road, Indiranagar, Bengaluru 560038',
  currency: 'INR',
  timezone: 'Asia/Kolkata',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const computed = computeBill({
  currency: 'INR',
  supplyType: 'intra',
  billDiscountMinor: 0,
  lines: [
    {
      productId: 'salt',
      name: 'Tata Salt 1 kg',
      hsn: '2501',
      qtyBase: 2,
      priceBasisQty: 1,
      unitPriceMinor: 2800,
      mrpMinor: 2800,
      discountMinor: 0,
      gstRateBp: 500,
      cessRateBp: 0,
    },
    {
      productId: 'rice',
      name: 'Sona Masoori Rice (loose)',
      hsn: '1006',
      qtyBase: 1250,
      priceBasisQty: 1000,
      unitPriceMinor: 5800,
      mrpMinor: 6000,
      discountMinor: 0,
      gstRateBp: 500,
      cessRateBp: 0,
    },
  ],
  payments: [
    { method: 'upi', amountMinor: 10_000, reference: 'UPI-77' },
    { method: 'cash', amountMinor: 2900, tenderedMinor: 5000 },
  ],
});
if (!computed.ok) throw new Error(JSON.stringify(computed.errors));

export const TEST_SALE = saleDocumentOf(computed.bill, {
  id: '01890a5d-ac96-774b-bcce-b302099a8057',
  kind: 'sale',
  storeId: 'store-1',
  terminalId: 'device-1',
  invoiceNo: 'BLR1T1/26/000007',
  originalSaleId: null,
  customerId: null,
  createdAt: '2026-04-01T04:30:00.000Z',
  businessDate: '2026-04-01',
});
