import { ean13CheckDigit, isValidEan13, priceCheckDigit } from './ean13';
import { UnitsError } from './units-error';

/**
 * Weighing-scale labels are EAN-13 codes in the GS1 restricted-circulation range 20–29, laid out
 * by the store: `prefix | item code | [value verifier digit] | value | check digit`. The layout is
 * a store setting (data), so the same terminal reads Essae, Mettler or CAS labels.
 */

/** Where the number on a scale label comes from. */
export type ScaleValueKind = 'weightG' | 'priceMinor';

/** How one family of scale labels is laid out; the parts must add up to 12 digits + check digit. */
export type ScaleBarcodeLayout = {
  /** The leading digits that select this layout, 1–3 digits starting with 2 (e.g. "21"). */
  readonly prefix: string;
  /** Digits of the item code (the scale's PLU) after the prefix. */
  readonly itemCodeLength: number;
  /** Digits of the value: weight in grams, or price in minor units. */
  readonly valueLength: number;
  /** What the value is. */
  readonly valueKind: ScaleValueKind;
  /** Whether a GS1 price/weight verifier digit precedes a 4- or 5-digit value. */
  readonly hasValueCheckDigit: boolean;
};

/** A decoded scale label. */
export type ScaleBarcode =
  | {
      readonly kind: 'weight';
      readonly prefix: string;
      readonly itemCode: string;
      readonly weightG: number;
    }
  | {
      readonly kind: 'price';
      readonly prefix: string;
      readonly itemCode: string;
      readonly priceMinor: number;
    };

/**
 * Default layouts: "21" + 5-digit PLU + 5-digit weight in grams, and "22" + 5-digit PLU + 5-digit
 * price in paise; both without a verifier digit, the most common set-up of Indian retail scales.
 */
export const DEFAULT_SCALE_BARCODE_LAYOUTS: readonly ScaleBarcodeLayout[] = [
  {
    prefix: '21',
    itemCodeLength: 5,
    valueLength: 5,
    valueKind: 'weightG',
    hasValueCheckDigit: false,
  },
  {
    prefix: '22',
    itemCodeLength: 5,
    valueLength: 5,
    valueKind: 'priceMinor',
    hasValueCheckDigit: false,
  },
];

/**
 * Checks that a layout fills exactly the 12 digits before the check digit; throws
 * `INVALID_SCALE_LAYOUT` otherwise.
 * @example
 * assertScaleLayout({ prefix: '2', itemCodeLength: 6, valueLength: 5, valueKind: 'weightG', hasValueCheckDigit: false }); // ok
 */
export function assertScaleLayout(layout: ScaleBarcodeLayout): void {
  const { prefix, itemCodeLength, valueLength, hasValueCheckDigit } = layout;
  const problems: string[] = [];
  if (!/^2\d{0,2}$/.test(prefix)) problems.push('prefix must be 1–3 digits starting with 2');
  if (!Number.isInteger(itemCodeLength) || itemCodeLength < 1)
    problems.push('itemCodeLength must be ≥ 1');
  if (!Number.isInteger(valueLength) || valueLength < 1 || valueLength > 10)
    problems.push('valueLength must be 1–10');
  if (hasValueCheckDigit && valueLength !== 4 && valueLength !== 5) {
    problems.push('a value verifier digit needs a 4- or 5-digit value');
  }
  if (prefix.length + itemCodeLength + (hasValueCheckDigit ? 1 : 0) + valueLength !== 12) {
    problems.push('prefix + item code + verifier + value must be 12 digits');
  }
  if (problems.length > 0) {
    throw new UnitsError(
      'INVALID_SCALE_LAYOUT',
      `Scale barcode layout ${prefix}: ${problems.join('; ')}.`,
      {
        layout,
        problems,
      },
    );
  }
}

/**
 * Whether a code looks like a scale label (13 digits starting with 2); no checks beyond that.
 * @example
 * looksLikeScaleBarcode('2100042012509'); // true
 */
export function looksLikeScaleBarcode(code: string): boolean {
  return /^2\d{12}$/.test(code.trim());
}

/**
 * Decodes a scale label with the first layout whose prefix it starts with. Throws
 * `MALFORMED_BARCODE` (not 13 digits), `BAD_CHECK_DIGIT`, `NOT_A_SCALE_BARCODE` (outside 20–29
 * or no layout for its prefix) or `BAD_VALUE_CHECK_DIGIT`.
 * @example
 * parseScaleBarcode('2100042012509'); // { kind: 'weight', prefix: '21', itemCode: '00042', weightG: 1250 }
 */
export function parseScaleBarcode(
  input: string,
  layouts: readonly ScaleBarcodeLayout[] = DEFAULT_SCALE_BARCODE_LAYOUTS,
): ScaleBarcode {
  const code = input.trim();
  if (!/^\d{13}$/.test(code)) {
    throw new UnitsError('MALFORMED_BARCODE', `"${input}" is not a 13-digit EAN-13 code.`, {
      barcode: input,
    });
  }
  if (!isValidEan13(code)) {
    throw new UnitsError('BAD_CHECK_DIGIT', `The check digit of ${code} is wrong; scan again.`, {
      barcode: code,
      expected: ean13CheckDigit(code.slice(0, 12)),
    });
  }
  const layout = code.startsWith('2')
    ? layouts.find((candidate) => code.startsWith(candidate.prefix))
    : undefined;
  if (layout === undefined) {
    throw new UnitsError(
      'NOT_A_SCALE_BARCODE',
      `${code} is not a weighing-scale label of this store.`,
      {
        barcode: code,
      },
    );
  }
  assertScaleLayout(layout);
  const itemStart = layout.prefix.length;
  const valueStart = itemStart + layout.itemCodeLength + (layout.hasValueCheckDigit ? 1 : 0);
  const itemCode = code.slice(itemStart, itemStart + layout.itemCodeLength);
  const valueText = code.slice(valueStart, valueStart + layout.valueLength);
  if (layout.hasValueCheckDigit && priceCheckDigit(valueText) !== Number(code[valueStart - 1])) {
    throw new UnitsError(
      'BAD_VALUE_CHECK_DIGIT',
      `The price/weight verifier digit of ${code} is wrong.`,
      {
        barcode: code,
      },
    );
  }
  const value = Number(valueText);
  return layout.valueKind === 'weightG'
    ? { kind: 'weight', prefix: layout.prefix, itemCode, weightG: value }
    : { kind: 'price', prefix: layout.prefix, itemCode, priceMinor: value };
}

/**
 * Builds the label a scale would print, for label printing and tests.
 * @example
 * encodeScaleBarcode(DEFAULT_SCALE_BARCODE_LAYOUTS[0], '00042', 1250); // '2100042012509'
 */
export function encodeScaleBarcode(
  layout: ScaleBarcodeLayout,
  itemCode: string,
  value: number,
): string {
  assertScaleLayout(layout);
  const valueText = String(value).padStart(layout.valueLength, '0');
  if (!/^\d+$/.test(itemCode) || itemCode.length !== layout.itemCodeLength) {
    throw new UnitsError(
      'MALFORMED_BARCODE',
      `Item code must be ${layout.itemCodeLength} digits.`,
      { itemCode },
    );
  }
  if (!Number.isSafeInteger(value) || value < 0 || valueText.length !== layout.valueLength) {
    throw new UnitsError('MALFORMED_BARCODE', `Value must fit ${layout.valueLength} digits.`, {
      value: String(value),
    });
  }
  const verifier = layout.hasValueCheckDigit ? String(priceCheckDigit(valueText)) : '';
  const body = `${layout.prefix}${itemCode}${verifier}${valueText}`;
  return `${body}${ean13CheckDigit(body)}`;
}
