/**
 * Decimal text and JSON numbers from integers, for the return files. Every sum is taken in integer
 * paise (or basis points, or base units) first; only the final figure is written as a decimal, by
 * string arithmetic, and a JSON number is parsed from that text: no float ever adds money.
 */

/** An integer as a decimal string with `scale` places: (4550, 2) → '45.50', (-5, 2) → '-0.05'. */
export function decimalText(value: number, scale: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError('decimalText takes a safe integer');
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.abs(value)).padStart(scale + 1, '0');
  if (scale === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Paise as rupees with two decimals: 4550 → '45.50'. */
function rupeesOf(minor: number): string {
  return decimalText(minor, 2);
}

/** Paise as a JSON number of rupees (parsed from the exact two-decimal text): 4550 → 45.5. */
export function rupeesNumber(minor: number): number {
  return Number(rupeesOf(minor));
}

/** A rate in basis points as the percent number the portal asks for: 1800 → 18, 25 → 0.25. */
export function percentOfBp(bp: number): number {
  return Number(decimalText(bp, 2));
}

/** `YYYY-MM-DD` → `dd-mm-yyyy` (GSTR-1 dates). */
export function gstr1Date(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d ?? ''}-${m ?? ''}-${y ?? ''}`;
}

/** `YYYY-MM-DD` → `dd/mm/yyyy` (e-invoice dates). */
export function einvoiceDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d ?? ''}/${m ?? ''}/${y ?? ''}`;
}
