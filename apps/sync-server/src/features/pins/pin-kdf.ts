import { pbkdf2, randomBytes } from 'node:crypto';

/**
 * PIN verifiers are PBKDF2-HMAC-SHA256, because that is the one password KDF WebCrypto offers, and
 * the terminal must recompute it offline in a browser or Electron renderer. 100,000 iterations
 * cost about 50 ms on a counter PC: unnoticed by a cashier, and it is the terminal's pepper and
 * lockout, not the KDF, that stop guessing of a 4–6 digit PIN.
 */
export const PIN_ITERATIONS = 100_000;

/** PINs are 4 to 6 digits. */
export const PIN_PATTERN = /^[0-9]{4,6}$/;

/** A stored PIN verifier. */
export type PinVerifier = { salt: string; iterations: number; verifier: string };

/** Derives the verifier of a PIN with a fresh salt. */
export async function derivePinVerifier(
  pin: string,
  iterations = PIN_ITERATIONS,
): Promise<PinVerifier> {
  const salt = randomBytes(16);
  const key = await new Promise<Buffer>((resolve, reject) => {
    pbkdf2(pin, salt, iterations, 32, 'sha256', (error, derived) => {
      if (error) reject(error);
      else resolve(derived);
    });
  });
  return { salt: salt.toString('base64url'), iterations, verifier: key.toString('base64url') };
}
