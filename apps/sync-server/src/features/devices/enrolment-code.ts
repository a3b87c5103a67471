import { createHash, randomBytes, randomInt } from 'node:crypto';

/**
 * Enrolment codes are read aloud and typed at a counter: 10 characters of Crockford's base32
 * (no I, L, O, U), shown as `XXXXX-XXXXX`, 50 bits of entropy. They live 24 hours and are used once,
 * so guessing one online is hopeless; only their SHA-256 is stored.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 10;

/** How long a new enrolment code is valid by default. */
export const ENROLMENT_CODE_TTL_MS = 24 * 60 * 60 * 1000;

/** A fresh random code, formatted for people. */
export function newEnrolmentCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += ALPHABET[randomInt(ALPHABET.length)] ?? '0';
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * The canonical form of what a person typed: case, spaces and dashes do not matter, and the letters
 * Crockford reads as digits (O → 0, I/L → 1) are mapped. Returns undefined when it cannot be a code.
 */
export function normaliseEnrolmentCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== CODE_LENGTH) return undefined;
  for (const ch of code) if (!ALPHABET.includes(ch)) return undefined;
  return code;
}

/** What is stored of a code: its hash, never the code. */
export function hashEnrolmentCode(normalised: string): string {
  return createHash('sha256').update(`enrolment-code:${normalised}`).digest('hex');
}

/** A device secret: 256 random bits, base64url. Shown once to the terminal. */
export function newDeviceSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What is stored of a device secret. A fast hash is enough: the secret is 256 random bits, so
 * there is nothing to brute-force, unlike a password.
 */
export function hashDeviceSecret(secret: string): string {
  return createHash('sha256').update(`device-secret:${secret}`).digest('hex');
}
