import { createHmac, pbkdf2, randomBytes, scrypt } from 'node:crypto';

/**
 * A PIN verifier is scrypt(PBKDF2-HMAC-SHA256(PIN)). PBKDF2 is the first layer because every
 * verifier made before scrypt was added is a bare PBKDF2 output, which the server can wrap without
 * the PIN; scrypt is the memory-hard layer that sets what one offline guess costs. The terminal
 * recomputes both (WebCrypto PBKDF2, scrypt in JS) when a cashier signs in.
 */
export const PIN_ITERATIONS = 100_000;

/** scrypt cost: N = 2^logN, block size r, parallelism p. */
export type ScryptCost = { logN: number; r: number; p: number };

/**
 * 2^17 × 8 × 128 bytes = 128 MiB per guess. Measured on this project's 2-core build machine
 * (`pnpm bench`, pin-cracking): about 0.35–0.6 s of one core with node:crypto, against 0.04 s for
 * PBKDF2 100k; the terminal's JS scrypt takes about 0.8 s at sign-in.
 */
export const PIN_SCRYPT: ScryptCost = { logN: 17, r: 8, p: 1 };

/** A stored PIN verifier: both layers' parameters and the scrypt output (base64url). */
export type PinVerifier = {
  salt: string;
  iterations: number;
  scrypt: ScryptCost & { salt: string };
  verifier: string;
};

/** The scrypt memory limit node:crypto must allow for a cost (it refuses above 32 MiB by default). */
function maxmemOf(cost: ScryptCost): number {
  return 128 * cost.r * (2 ** cost.logN + cost.p + 2);
}

/** PBKDF2-HMAC-SHA256 of a PIN, 32 bytes: the first layer (and the whole verifier before scrypt). */
function pbkdf2Layer(pin: string, salt: Buffer, iterations: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    pbkdf2(pin, salt, iterations, 32, 'sha256', (error, derived) => {
      if (error) reject(error);
      else resolve(derived);
    });
  });
}

/** scrypt over the PBKDF2 layer, 32 bytes: the verifier. */
function scryptLayer(inner: Buffer, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(
      inner,
      salt,
      32,
      { N: 2 ** cost.logN, r: cost.r, p: cost.p, maxmem: maxmemOf(cost) },
      (error, derived) => {
        if (error) reject(error);
        else resolve(derived);
      },
    );
  });
}

/** Wraps a bare PBKDF2 verifier (from before scrypt) in the scrypt layer, with a fresh salt. */
export async function wrapLegacyVerifier(
  legacy: { salt: string; iterations: number; verifier: string },
  cost: ScryptCost = PIN_SCRYPT,
): Promise<PinVerifier> {
  const scryptSalt = randomBytes(16);
  const outer = await scryptLayer(Buffer.from(legacy.verifier, 'base64url'), scryptSalt, cost);
  return {
    salt: legacy.salt,
    iterations: legacy.iterations,
    scrypt: { ...cost, salt: scryptSalt.toString('base64url') },
    verifier: outer.toString('base64url'),
  };
}

/** Derives the verifier of a PIN with fresh salts. */
export async function derivePinVerifier(
  pin: string,
  cost: ScryptCost = PIN_SCRYPT,
  iterations = PIN_ITERATIONS,
): Promise<PinVerifier> {
  const salt = randomBytes(16);
  const inner = await pbkdf2Layer(pin, salt, iterations);
  return wrapLegacyVerifier(
    { salt: salt.toString('base64url'), iterations, verifier: inner.toString('base64url') },
    cost,
  );
}

/** What a device receives of a verifier: HMAC-SHA256 under its PIN key (base64url both). */
export function sealVerifier(pinKey: string, verifier: string): string {
  return createHmac('sha256', Buffer.from(pinKey, 'base64url'))
    .update(Buffer.from(verifier, 'base64url'))
    .digest('base64url');
}

/** A new random PIN key for a device, 32 bytes base64url. */
export function newPinKey(): string {
  return randomBytes(32).toString('base64url');
}
