import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cashRound } from '../money/index';
import { refundCapBreak, refundCapMinor, refundOf, type RefundHistory } from './refund-cap';

const NONE: Omit<RefundHistory, 'paidMinor'> = { returnedNetMinor: 0, refundedMinor: 0 };

describe('refundOf', () => {
  it('refunds two one-packet returns of a 2 × ₹10.50 bill as ₹11 + ₹10, never ₹22 of ₹21', () => {
    const first = refundOf({ paidMinor: 2100, ...NONE }, 1050, 'INR', false);
    expect(first).toEqual({ totalMinor: 1100, roundOffMinor: 50 });
    const second = refundOf(
      { paidMinor: 2100, returnedNetMinor: 1050, refundedMinor: 1100 },
      1050,
      'INR',
      true,
    );
    expect(second).toEqual({ totalMinor: 1000, roundOffMinor: -50 });
  });

  it('refunds a whole bill in one return exactly as it was paid, round-off included', () => {
    // ₹21.50 was rounded up to ₹22 at the counter: the customer gets ₹22 back.
    expect(refundOf({ paidMinor: 2200, ...NONE }, 2150, 'INR', true)).toEqual({
      totalMinor: 2200,
      roundOffMinor: 50,
    });
  });

  it('never refunds more than is left, even after returns refunded by an older rule', () => {
    // An older terminal refunded ₹11 + ₹11 of a ₹21 bill of three: nothing is left to refund.
    const history = { paidMinor: 2100, returnedNetMinor: 1400, refundedMinor: 2200 };
    expect(refundCapMinor(history)).toBe(0);
    expect(refundCapBreak(history, 1)).toBe('REFUND_EXCEEDS_PAID');
    expect(refundCapBreak(history, 0)).toBeNull();
    expect(refundOf(history, 700, 'INR', true)).toEqual({ totalMinor: 0, roundOffMinor: -700 });
  });
});

/** A bill's net split into 1 … 8 partial returns, in any order. */
const returnsArb = fc
  .record({
    netMinor: fc.integer({ min: 1, max: 5_000_000 }),
    cuts: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 0, maxLength: 7 }),
    // A partial return's own gross may be a paisa more or less than its share of the original
    // (weighed goods, quantity × price rounded per return): up to ±2 paise each.
    drift: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 8, maxLength: 8 }),
    returnAll: fc.boolean(),
  })
  .map(({ netMinor, cuts, drift, returnAll }) => {
    const points = [...new Set(cuts.map((c) => c % netMinor))].sort((a, b) => a - b);
    const bounds = [0, ...points.filter((p) => p > 0), netMinor];
    const parts = bounds.slice(1).map((end, i) => end - (bounds[i] ?? 0));
    const kept = returnAll ? parts : parts.slice(0, Math.max(1, parts.length - 1));
    return {
      netMinor,
      nets: kept.map((part, i) => Math.max(0, part + (drift[i] ?? 0))),
      isComplete: returnAll,
    };
  });

describe('refundOf properties', () => {
  it('never refunds more than was paid over any sequence of partial returns', () => {
    fc.assert(
      fc.property(returnsArb, ({ netMinor, nets, isComplete }) => {
        const paidMinor = cashRound(netMinor, 'INR').totalMinor;
        let history: RefundHistory = { paidMinor, returnedNetMinor: 0, refundedMinor: 0 };
        nets.forEach((net, i) => {
          const isLast = isComplete && i === nets.length - 1;
          const refund = refundOf(history, net, 'INR', isLast);
          expect(refund.totalMinor).toBeGreaterThanOrEqual(0);
          expect(refund.totalMinor).toBeLessThanOrEqual(refundCapMinor(history));
          // What the terminal computes always passes the server's check.
          expect(refundCapBreak(history, refund.totalMinor)).toBeNull();
          expect(refund.totalMinor - net).toBe(refund.roundOffMinor);
          expect(Math.abs(refund.roundOffMinor)).toBeLessThan(100 + 2 * nets.length);
          history = {
            paidMinor,
            returnedNetMinor: history.returnedNetMinor + net,
            refundedMinor: history.refundedMinor + refund.totalMinor,
          };
          expect(history.refundedMinor).toBeLessThanOrEqual(paidMinor);
        });
        // The last return of a whole bill gets the remainder: the refunds add up to what was paid.
        if (isComplete) expect(history.refundedMinor).toBe(paidMinor);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);
});
