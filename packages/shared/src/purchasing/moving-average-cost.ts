import { roundHalfUp } from '../money/rounding';

/**
 * Moving-average (perpetual weighted-average) cost per (store, product), in integer minor units
 * per base unit. Each receipt (or transfer in, at the source's average cost) re-weighs the
 * average with the stock on hand at that moment; sales and other outgoing movements take stock
 * out at the average and leave it unchanged.
 *
 * Rounding: new average = (onHand × oldAverage + qty × unitCost) / (onHand + qty), computed
 * exactly in BigInt and rounded once, half up, to a whole minor unit. The rounded average is what
 * the next receipt weighs, so rounding never exceeds half a paisa per step and the average always
 * lies between the lowest and highest unit cost received.
 *
 * When stock on hand is zero or negative (offline sales oversold the books) the old average has
 * nothing to weigh, and the new average is the receipt's unit cost.
 */

/** Stock on hand and its average cost before a receipt; `avgCostMinor` null before any receipt. */
export type CostPosition = { readonly onHandQtyBase: number; readonly avgCostMinor: number | null };

/**
 * The average cost after receiving `qtyBase` units at `unitCostMinor` each.
 * @example
 * // Hand-worked: 10 on hand at ₹10.00, 24 received at ₹10.50:
 * // (10 × 1000 + 24 × 1050) / 34 = 35200 / 34 = 1035.29… → 1035 (₹10.35)
 * nextMovingAverageCost({ onHandQtyBase: 10, avgCostMinor: 1000 }, { qtyBase: 24, unitCostMinor: 1050 }); // 1035
 * // A tie rounds up: 1 at 1000 and 1 at 1001 → 2001 / 2 = 1000.5 → 1001
 * nextMovingAverageCost({ onHandQtyBase: 1, avgCostMinor: 1000 }, { qtyBase: 1, unitCostMinor: 1001 }); // 1001
 * // Oversold to −3: the receipt's cost
 * nextMovingAverageCost({ onHandQtyBase: -3, avgCostMinor: 1000 }, { qtyBase: 10, unitCostMinor: 1200 }); // 1200
 */
export function nextMovingAverageCost(
  before: CostPosition,
  receipt: { readonly qtyBase: number; readonly unitCostMinor: number },
): number {
  if (!Number.isSafeInteger(receipt.qtyBase) || receipt.qtyBase <= 0) {
    throw new RangeError(`A receipt adds a positive integer quantity, got ${receipt.qtyBase}.`);
  }
  if (!Number.isSafeInteger(receipt.unitCostMinor) || receipt.unitCostMinor < 0) {
    throw new RangeError(`A unit cost is a non-negative integer, got ${receipt.unitCostMinor}.`);
  }
  if (before.avgCostMinor === null || before.onHandQtyBase <= 0) return receipt.unitCostMinor;
  const onHand = BigInt(before.onHandQtyBase);
  const qty = BigInt(receipt.qtyBase);
  const value = onHand * BigInt(before.avgCostMinor) + qty * BigInt(receipt.unitCostMinor);
  return Number(roundHalfUp(value, onHand + qty));
}

/** A movement that matters to the average: stock in with a unit cost, or stock out. */
export type CostedMovement =
  | { readonly kind: 'in'; readonly qtyBase: number; readonly unitCostMinor: number }
  | { readonly kind: 'out'; readonly qtyBase: number };

/**
 * Folds a (store, product)'s movements, in commit order, into its stock and average cost.
 * @example
 * movingAverageCost([
 *   { kind: 'in', qtyBase: 24, unitCostMinor: 1000 }, // 24 at ₹10.00 → avg 1000
 *   { kind: 'out', qtyBase: 14 },                        // 10 left, avg still 1000
 *   { kind: 'in', qtyBase: 24, unitCostMinor: 1050 },  // (10×1000 + 24×1050)/34 → 1035
 * ]); // { onHandQtyBase: 34, avgCostMinor: 1035 }
 */
export function movingAverageCost(movements: readonly CostedMovement[]): CostPosition {
  let position: CostPosition = { onHandQtyBase: 0, avgCostMinor: null };
  for (const m of movements) {
    if (m.kind === 'out') {
      position = { ...position, onHandQtyBase: position.onHandQtyBase - m.qtyBase };
    } else {
      position = {
        onHandQtyBase: position.onHandQtyBase + m.qtyBase,
        avgCostMinor: nextMovingAverageCost(position, m),
      };
    }
  }
  return position;
}
