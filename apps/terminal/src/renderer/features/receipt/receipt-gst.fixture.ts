import { computeBill, type Sale } from '@kiryana/shared';
import type { Stored } from '../../db/schemas';
import { TEST_SALE } from '../../testing/receipt-fixtures';

/** Receipt test sales beyond the walk-in tax invoice of testing/receipt-fixtures.ts. */

/** The test sale billed again as an inter-state B2B sale to Tamil Nadu (IGST). */
export function b2bSale(): Stored<Sale> {
  const bill = computeBill({
    currency: 'INR',
    supplyType: 'inter',
    billDiscountMinor: 0,
    lines: TEST_SALE.lines,
    payments: [{ method: 'upi', amountMinor: 12_900, reference: 'UPI-78' }],
  });
  if (!bill.ok) throw new Error(JSON.stringify(bill.errors));
  return {
    ...TEST_SALE,
    supplyType: 'inter',
    lines: [...bill.bill.lines],
    taxBreakdown: [...bill.bill.taxBreakdown],
    totals: { ...bill.bill.totals },
    payments: [
      {
        method: 'upi',
        amountMinor: 12_900,
        tenderedMinor: null,
        changeMinor: null,
        reference: 'UPI-78',
        customerId: null,
      },
    ],
    buyer: {
      gstin: '33AABCT1332L1ZL',
      name: 'Hotel Annapoorna',
      stateCode: '33',
      address: 'Mount Road, Chennai',
    },
    placeOfSupply: '33',
    invoiceKind: 'tax-invoice',
  };
}

/** The test sale as a composition store's bill of supply: no tax on any line. */
export function billOfSupplySale(): Stored<Sale> {
  const untaxed = TEST_SALE.lines.map((line) => ({ ...line, gstRateBp: 0 }));
  const bill = computeBill({
    currency: 'INR',
    supplyType: 'intra',
    billDiscountMinor: 0,
    lines: untaxed,
    payments: [{ method: 'cash', amountMinor: 12_900 }],
  });
  if (!bill.ok) throw new Error(JSON.stringify(bill.errors));
  return {
    ...TEST_SALE,
    lines: [...bill.bill.lines],
    taxBreakdown: [...bill.bill.taxBreakdown],
    totals: { ...bill.bill.totals },
    invoiceKind: 'bill-of-supply',
  };
}
