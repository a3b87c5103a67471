import type { Sale } from '../documents/index';

/**
 * The stock a line of a sale document moves, in signed base units: a sale takes its quantity out
 * of the store (−qty), a return brings it back (+qty). Return quantities are positive and mean
 * "back" (documents/sale.ts), so the sign comes from the document's kind alone, and it is the one
 * `STOCK_DELTA_SIGN` requires of the derived `sale` and `return` movements. The server derives
 * the store's movements by it; the terminal shows unsynced bills by it.
 * @example
 * stockEffectOf({ qtyBase: 1250 }, 'sale'); // -1250: 1.25 kg of rice left the shelf
 * stockEffectOf({ qtyBase: 2 }, 'return'); // 2: two packets came back
 */
export function stockEffectOf(line: { readonly qtyBase: number }, kind: Sale['kind']): number {
  // 0 − qty rather than −qty: a zero quantity gives 0, never −0.
  return kind === 'sale' ? 0 - line.qtyBase : line.qtyBase;
}
