import type { ProductInput } from '@kiryana/shared';

/**
 * What a price is per: 1,000 g or ml (a kg, a litre) for goods sold loose by weight or volume;
 * otherwise one item, whether a piece or a pack whose quantity is counted in packs.
 */
export function priceBasisOf(input: Pick<ProductInput, 'unit' | 'soldLoose'>): 1 | 1000 {
  return input.soldLoose && input.unit !== 'piece' ? 1000 : 1;
}
