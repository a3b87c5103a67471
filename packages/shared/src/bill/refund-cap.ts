import { type CashRounded, cashRound, type CurrencyCode, minorUnits } from '../money/index';

/**
 * Refunds of partial returns. A return's lines are priced like a bill, but rounding each return
 * to the rupee on its own refunds more than was paid: two one-packet returns of a 2 × ₹10.50 bill
 * (paid ₹21) would each round ₹10.50 up to ₹11. So the refunds of a bill follow its returns
 * cumulatively:
 * - the refunds of all returns so far add up to the cash rounding of all the net returned so far,
 *   so each return's refund is that rounded running total minus what earlier returns refunded
 *   (₹11, then ₹21 − ₹11 = ₹10);
 * - the return that takes back the last of the bill gets exactly what is left of what was paid
 *   (round-off included), so a bill returned in full is refunded exactly what the customer paid;
 * - no refund is ever more than what was paid minus earlier refunds (`refundCapMinor`), even when
 *   earlier returns were refunded by an older rule, or a weighed line's partial amounts round to a
 *   paisa more than the original. The sync server refuses a pushed return above that cap.
 * "Paid" is the original bill's payable total (cash, UPI, card and credit together); a return's
 * round-off is its refund minus its net and stays within about a rupee either way.
 */

/** What a bill was paid and what its earlier returns took back. */
export type RefundHistory = {
  /** The original bill's payable total, `totals.totalMinor`. */
  readonly paidMinor: number;
  /** Σ `totals.netMinor` of the earlier returns of the bill (before their round-off). */
  readonly returnedNetMinor: number;
  /** Σ `totals.totalMinor` of the earlier returns: what was refunded. */
  readonly refundedMinor: number;
};

/**
 * The most any further return of a bill may refund: what was paid minus earlier refunds, never
 * below zero.
 * @example
 * refundCapMinor({ paidMinor: 2100, returnedNetMinor: 1050, refundedMinor: 1100 }); // 1000
 * refundCapMinor({ paidMinor: 2100, returnedNetMinor: 2100, refundedMinor: 2200 }); // 0
 */
export function refundCapMinor(history: RefundHistory): number {
  return Math.max(0, minorUnits(history.paidMinor - history.refundedMinor));
}

/**
 * The refund of a return whose lines net `returnNetMinor`, after `history`: the payable total of
 * the return bill and its round-off (refund − net), by the rule in the module comment.
 * `isLastReturn` says that nothing of the bill is left to return after this one.
 * @example
 * refundOf({ paidMinor: 2100, returnedNetMinor: 0, refundedMinor: 0 }, 1050, 'INR', false);
 * // { totalMinor: 1100, roundOffMinor: 50 }
 * refundOf({ paidMinor: 2100, returnedNetMinor: 1050, refundedMinor: 1100 }, 1050, 'INR', true);
 * // { totalMinor: 1000, roundOffMinor: -50 }
 */
export function refundOf(
  history: RefundHistory,
  returnNetMinor: number,
  currency: CurrencyCode,
  isLastReturn: boolean,
): CashRounded {
  const cap = refundCapMinor(history);
  const runningMinor = cashRound(history.returnedNetMinor + returnNetMinor, currency).totalMinor;
  const wanted = isLastReturn ? cap : runningMinor - history.refundedMinor;
  const totalMinor = minorUnits(Math.min(cap, Math.max(0, wanted)));
  return { totalMinor, roundOffMinor: minorUnits(totalMinor - returnNetMinor) };
}

/**
 * Quarantine code of a pushed return that refunds more than its bill was paid minus the refunds
 * of the returns stored before it (docs/sync.md, "Quarantine").
 */
export const REFUND_EXCEEDS_PAID = 'REFUND_EXCEEDS_PAID';

/**
 * Quarantine code of a pushed return whose original is not a sale of the same store, stored or
 * in the same push: what was paid is unknown, so no refund can be shown to be within it.
 */
export const RETURN_ORIGINAL_UNKNOWN = 'RETURN_ORIGINAL_UNKNOWN';

/**
 * Whether a return refunding `refundMinor` breaks the cap after `history`: the check the sync
 * server applies to every pushed return, whatever rule the terminal rounded it by.
 * @example
 * refundCapBreak({ paidMinor: 2100, returnedNetMinor: 1050, refundedMinor: 1100 }, 1100);
 * // 'REFUND_EXCEEDS_PAID'
 * refundCapBreak({ paidMinor: 2100, returnedNetMinor: 1050, refundedMinor: 1100 }, 1000); // null
 */
export function refundCapBreak(
  history: RefundHistory,
  refundMinor: number,
): typeof REFUND_EXCEEDS_PAID | null {
  return refundMinor > refundCapMinor(history) ? REFUND_EXCEEDS_PAID : null;
}
