import { type BillInput, type BillLineInput } from './bill-types';
import { computeBill } from './compute-bill';

/** Test fixtures for the bill tests, with amounts checked by hand. */

/** ₹118.00 (MRP ₹120.00) at 18 %. */
export const shampoo: BillLineInput = {
  productId: 'p-shampoo',
  name: 'Shampoo 340 ml',
  hsn: '3305',
  qtyBase: 1,
  priceBasisQty: 1,
  unitPriceMinor: 11800,
  mrpMinor: 12000,
  discountMinor: 0,
  gstRateBp: 1800,
  cessRateBp: 0,
};
/** 2 × ₹52.50 (MRP ₹55.00) at 5 %. */
export const ghee: BillLineInput = {
  productId: 'p-ghee',
  name: 'Ghee 500 ml',
  hsn: '0405',
  qtyBase: 2,
  priceBasisQty: 1,
  unitPriceMinor: 5250,
  mrpMinor: 5500,
  discountMinor: 0,
  gstRateBp: 500,
  cessRateBp: 0,
};
/** 1.250 kg at ₹60.00/kg, nil-rated. */
export const rice: BillLineInput = {
  productId: 'p-rice',
  name: 'Sona masoori (loose)',
  hsn: '1006',
  qtyBase: 1250,
  priceBasisQty: 1000,
  unitPriceMinor: 6000,
  mrpMinor: 6000,
  discountMinor: 0,
  gstRateBp: 0,
  cessRateBp: 0,
};

/** The three lines above, ₹298.00, paid by cash (₹500 tendered) and UPI. */
export const base: BillInput = {
  currency: 'INR',
  supplyType: 'intra',
  lines: [shampoo, ghee, rice],
  billDiscountMinor: 0,
  payments: [
    { method: 'cash', amountMinor: 20000, tenderedMinor: 50000 },
    { method: 'upi', amountMinor: 9800, reference: 'UPI-4711' },
  ],
};

/** Computes a bill that must be valid, failing the test with its errors otherwise. */
export function billOf(input: BillInput) {
  const result = computeBill(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.bill;
}
