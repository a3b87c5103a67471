import type { BaseUnit } from './quantity';

/** The unit a person reads a quantity in: a count (pieces, packs) or kg / litres (loose goods). */
export type DisplayUnit = 'count' | 'kg' | 'l';

/** What decides a product's display unit: its base unit and whether it is sold loose. */
export type QuantityKind = { readonly unit: BaseUnit; readonly soldLoose: boolean };

/**
 * The one rule every screen and printout follows. Only goods sold loose by weight or volume are
 * read in kg or litres (kept in g and ml). A pack whose size happens to be in g or ml ("Kolam
 * Rice 5 kg", "Oil 1 l") is counted in packs: its quantity 1 is one pack, exactly as it is priced
 * (`priceBasisQty` 1), so it must never be divided by 1,000 on the way to the screen.
 * @example
 * displayUnitOf({ unit: 'g', soldLoose: true }); // 'kg'
 * displayUnitOf({ unit: 'g', soldLoose: false }); // 'count' (a pack)
 * displayUnitOf({ unit: 'piece', soldLoose: false }); // 'count'
 */
export function displayUnitOf(kind: QuantityKind): DisplayUnit {
  if (!kind.soldLoose || kind.unit === 'piece') return 'count';
  return kind.unit === 'g' ? 'kg' : 'l';
}

/**
 * The kind of a sale line's quantity, which a sale document records only through its price basis:
 * a line priced per 1,000 base units was weighed or measured loose. The document does not say
 * whether those were grams or millilitres, so `base` (default grams) names it when known.
 * @example
 * quantityKindOfLine({ priceBasisQty: 1000 }); // { unit: 'g', soldLoose: true }
 * quantityKindOfLine({ priceBasisQty: 1 }); // { unit: 'piece', soldLoose: false }
 */
export function quantityKindOfLine(
  line: { readonly priceBasisQty: number },
  base: 'g' | 'ml' = 'g',
): QuantityKind {
  return line.priceBasisQty > 1
    ? { unit: base, soldLoose: true }
    : { unit: 'piece', soldLoose: false };
}
