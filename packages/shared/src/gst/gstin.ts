import { z } from 'zod';
import { gstStateByCode } from './gstin-state-codes';

/**
 * GSTIN validation: the 15-character GST identification number of a regular taxpayer.
 *
 *   27 AAPFU0939F 1 Z V
 *   │  │          │ │ └ check character (mod 36, below)
 *   │  │          │ └── 'Z' by default
 *   │  │          └──── entity code: the registration's number for this PAN in this state, 1–9 then A–Z
 *   │  └─────────────── the holder's PAN: five letters, four digits, one letter
 *   └────────────────── state code (gstin-state-codes.ts)
 *
 * The check character is the published "Luhn mod 36" variant GSTN uses: over the first 14
 * characters, with 0–9 worth 0–9 and A–Z worth 10–35, multiply each value by 1 at odd positions
 * and 2 at even positions (1-based), add quotient and remainder of each product divided by 36,
 * and the check value is (36 − sum mod 36) mod 36, written in the same alphabet.
 *
 * Other GSTIN-like numbers (TDS/TCS deductors, non-resident OIDAR providers with prefix 99,
 * UN bodies) have other shapes and are not accepted here: a kiryana's supplier or B2B buyer is a
 * regular or composition taxpayer.
 */

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const SHAPE = /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;

/** Why a GSTIN was refused. */
export type GstinProblem = 'BAD_SHAPE' | 'UNKNOWN_STATE' | 'BAD_CHECK_CHARACTER';

/** The outcome of `validateGstin`. */
export type GstinCheck =
  | { readonly ok: true; readonly gstin: string; readonly stateCode: string; readonly pan: string }
  | { readonly ok: false; readonly problem: GstinProblem; readonly message: string };

/**
 * The check character of a GSTIN's first 14 characters (uppercase), or null when one of them is
 * outside 0–9/A–Z.
 * @example
 * gstinCheckCharacter('27AAPFU0939F1Z'); // 'V'
 */
export function gstinCheckCharacter(first14: string): string | null {
  if (first14.length !== 14) return null;
  let sum = 0;
  for (let i = 0; i < 14; i += 1) {
    const value = ALPHABET.indexOf(first14.charAt(i));
    if (value < 0) return null;
    const product = value * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return ALPHABET.charAt((36 - (sum % 36)) % 36);
}

/**
 * Checks a GSTIN's shape, state code and check character. Surrounding spaces are ignored and
 * lowercase letters are read as uppercase (people type them so); the normalised GSTIN is returned.
 * @example
 * validateGstin('27aapfu0939f1zv'); // { ok: true, gstin: '27AAPFU0939F1ZV', stateCode: '27', pan: 'AAPFU0939F' }
 * validateGstin('27AAPFU0939F1ZA'); // { ok: false, problem: 'BAD_CHECK_CHARACTER', … }
 */
export function validateGstin(input: string): GstinCheck {
  const gstin = input.trim().toUpperCase();
  if (!SHAPE.test(gstin)) {
    return {
      ok: false,
      problem: 'BAD_SHAPE',
      message:
        'A GSTIN is 15 characters: 2-digit state code, 10-character PAN, entity code, Z, check character.',
    };
  }
  const stateCode = gstin.slice(0, 2);
  if (gstStateByCode(stateCode) === null) {
    return { ok: false, problem: 'UNKNOWN_STATE', message: `No state has GST code ${stateCode}.` };
  }
  const expected = gstinCheckCharacter(gstin.slice(0, 14));
  if (expected !== gstin.charAt(14)) {
    return {
      ok: false,
      problem: 'BAD_CHECK_CHARACTER',
      message: 'The GSTIN check character does not match: a character is mistyped.',
    };
  }
  return { ok: true, gstin, stateCode, pan: gstin.slice(2, 12) };
}

/**
 * A GSTIN with its check character verified, in canonical form (uppercase, no spaces): screens
 * normalise what people type with `validateGstin` and send its `gstin`. A refinement rather than a
 * transform, so the schema still converts to JSON Schema (OpenAPI, RxDB). `gstinSchema` in
 * documents/store.ts checks the shape only.
 */
export const verifiedGstinSchema = z
  .string()
  .regex(SHAPE, 'a 15-character GSTIN in capitals')
  .superRefine((value, ctx) => {
    const check = validateGstin(value);
    if (!check.ok)
      ctx.addIssue({ code: 'custom', message: check.message, params: { problem: check.problem } });
  });
