import { minorUnits } from '../money/index';
import {
  type BillIssue,
  type BillPayment,
  type BillSettlement,
  type PaymentInput,
} from './bill-types';

/**
 * Settles payments against the payable total. Amounts are what each tender pays of the bill;
 * extra cash belongs in `tenderedMinor` and comes back as change, so the amounts must add up to
 * the payable exactly: less is UNDERPAID (unless the rest is a credit payment charged to a
 * customer), more is OVERPAID.
 * @example
 * settlePayments([{ method: 'cash', amountMinor: 10500, tenderedMinor: 20000 }], 10500).settlement;
 * // { payableMinor: 10500, paidMinor: 10500, creditMinor: 0, changeMinor: 9500, balanceDueMinor: 0 }
 */
export function settlePayments(
  inputs: readonly PaymentInput[],
  payableMinor: number,
): { payments: BillPayment[]; settlement: BillSettlement; issues: BillIssue[] } {
  const payments = inputs.map((input): BillPayment => {
    const isCash = input.method === 'cash';
    const tenderedMinor = isCash ? (input.tenderedMinor ?? input.amountMinor) : null;
    return {
      method: input.method,
      amountMinor: input.amountMinor,
      tenderedMinor,
      changeMinor: tenderedMinor === null ? 0 : tenderedMinor - input.amountMinor,
      reference: input.reference ?? null,
      customerId: input.customerId ?? null,
    };
  });
  let paidMinor = 0;
  let creditMinor = 0;
  let changeMinor = 0;
  for (const payment of payments) {
    if (payment.method === 'credit') creditMinor = minorUnits(creditMinor + payment.amountMinor);
    else paidMinor = minorUnits(paidMinor + payment.amountMinor);
    changeMinor = minorUnits(changeMinor + payment.changeMinor);
  }
  const coveredMinor = paidMinor + creditMinor;
  const issues: BillIssue[] = [];
  const details = { payableMinor, paidMinor, creditMinor };
  if (coveredMinor < payableMinor) {
    issues.push({
      code: 'UNDERPAID',
      message: `Payments cover ${coveredMinor} of ${payableMinor}; ${payableMinor - coveredMinor} is still due.`,
      details: { ...details, shortfallMinor: payableMinor - coveredMinor },
    });
  } else if (coveredMinor > payableMinor) {
    issues.push({
      code: 'OVERPAID',
      message: `Payments of ${coveredMinor} exceed the payable ${payableMinor}; record extra cash as tendered, not as amount.`,
      details: { ...details, excessMinor: coveredMinor - payableMinor },
    });
  }
  return {
    payments,
    settlement: {
      payableMinor,
      paidMinor,
      creditMinor,
      changeMinor,
      balanceDueMinor: payableMinor - paidMinor,
    },
    issues,
  };
}
