import { type DisplayUnit, type QuantityKind, displayUnitOf } from '../units/display-unit';
import { formatNumber, type FormatNumberOptions } from './format-number';

/** A quantity written for a person: the number in its display unit, and that unit to label it. */
export type FormattedQuantity = { readonly text: string; readonly unit: DisplayUnit };

/**
 * Writes a quantity in base units as its product's display unit shows it (`displayUnitOf`):
 * a count as an integer, grams as kg and millilitres as litres with exact decimals, through Intl.
 * The unit's name is left to the caller's translations.
 * @example
 * formatQuantity(1, { unit: 'g', soldLoose: false }); // { text: '1', unit: 'count' }
 * formatQuantity(1250, { unit: 'g', soldLoose: true }); // { text: '1.25', unit: 'kg' }
 * formatQuantity(1500, { unit: 'ml', soldLoose: true }); // { text: '1.5', unit: 'l' }
 */
export function formatQuantity(
  qtyBase: number,
  kind: QuantityKind,
  options: Pick<FormatNumberOptions, 'locale' | 'numberingSystem'> = {},
): FormattedQuantity {
  const unit = displayUnitOf(kind);
  const text =
    unit === 'count'
      ? formatNumber(qtyBase, options)
      : formatNumber(qtyBase, { ...options, scale: 3, trimZeros: true });
  return { text, unit };
}
