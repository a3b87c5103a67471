/**
 * A percentage as typed ("18", "0.25", "12.5") in basis points (1800, 25, 1250), by string
 * arithmetic: no float ever holds a rate. Null for anything else (more than two decimals, a sign,
 * letters) or above `maxBp`.
 * @example percentToBp('0.25') // 25
 */
export function percentToBp(text: string, maxBp = 10_000): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bp <= maxBp ? bp : null;
}

/** Basis points as the percentage a person types back (25 → "0.25", 1800 → "18"). */
export function bpToPercentText(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const cents = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return cents === '' ? String(whole) : `${String(whole)}.${cents}`;
}

/** HSN prefixes as typed (spaces, commas or new lines between them), spaces inside removed. */
export function prefixesOf(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map((p) => p.replace(/\s+/g, ''))
    .filter((p) => p !== '');
}
