/**
 * The rule for a cashier PIN, applied wherever a PIN is set (the server's `PUT /v1/users/:id/pin`,
 * and any screen that lets someone choose one). A PIN is 4 to 6 ASCII digits and not one a thief
 * tries first: all one digit (0000, 999999) or a run up or down by one (1234, 0123, 654321). Such a
 * PIN is refused with the shared code `PIN_TOO_WEAK`.
 */

/** PINs are 4 to 6 ASCII digits. */
export const PIN_PATTERN = /^[0-9]{4,6}$/;

/** Why a PIN cannot be set: not 4 to 6 digits, or trivial to guess. */
export type PinProblem = 'format' | 'trivial';

/**
 * What is wrong with a PIN, or null when it may be set.
 * @example
 * pinProblem('1234'); // 'trivial'
 * pinProblem('4827'); // null
 */
export function pinProblem(pin: string): PinProblem | null {
  if (!PIN_PATTERN.test(pin)) return 'format';
  // The pattern above admits ASCII digits only, so one UTF-16 unit is one digit.
  const digits = Array.from({ length: pin.length }, (_, i) => pin.charCodeAt(i) - 48);
  const steps = new Set(digits.slice(1).map((digit, i) => digit - (digits[i] ?? 0)));
  // One step between every pair of neighbours: 0 is a repeated digit, +1 or -1 a run.
  if (steps.size === 1 && [0, 1, -1].includes([...steps][0] ?? 2)) return 'trivial';
  return null;
}
