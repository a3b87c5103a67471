import {
  derivePinVerifier,
  importPinKey,
  sealVerifier,
  toBase64Url,
} from '../features/pin/pin-crypto';

/** A terminal's PIN key for tests (32 bytes, base64url), as the server hands one out at enrolment. */
export const TEST_PIN_KEY = toBase64Url(new Uint8Array(32).map((_, i) => i * 7 + 3));

/** The least KDF cost the terminal accepts: enough for tests, fast to derive (about 1 MiB). */
const TEST_PIN_KDF_COST = { iterations: 10_000, scrypt: { logN: 10, r: 8, p: 1 } };

/** PBKDF2 iterations and scrypt cost of a verifier. */
export type PinKdfCost = { iterations: number; scrypt: { logN: number; r: number; p: number } };

/** One person in a test answer of `GET /v1/pins/verifiers`. */
export type TestPerson = {
  userId: string;
  displayName?: string;
  pin: string;
  permissions?: readonly string[];
  discountLimitBp?: number;
  version?: number;
};

/**
 * What the server answers a terminal for its store's people: each verifier scrypt(PBKDF2(PIN))
 * sealed as HMAC(PIN key, verifier), for tests and benches of a terminal that never met a server.
 */
export async function issueTestVerifiers(options: {
  pinKey?: string;
  /** The KDF cost of every verifier; the least accepted by default (a production cost to time it). */
  kdfCost?: PinKdfCost;
  storeId?: string;
  issuedAtMs: number;
  expiresAtMs: number;
  people: readonly TestPerson[];
}) {
  const key = await importPinKey(options.pinKey ?? TEST_PIN_KEY);
  const salt = () => toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  const cost = options.kdfCost ?? TEST_PIN_KDF_COST;
  const people = [];
  for (const person of options.people) {
    const kdf = {
      salt: salt(),
      iterations: cost.iterations,
      scrypt: { ...cost.scrypt, salt: salt() },
    };
    people.push({
      userId: person.userId,
      displayName: person.displayName ?? person.userId.toUpperCase(),
      permissions: [...(person.permissions ?? [])],
      discountLimitBp: person.discountLimitBp ?? 500,
      kdf: { name: 'PBKDF2-SHA256+scrypt' as const, ...kdf },
      sealed: await sealVerifier(key, await derivePinVerifier(person.pin, kdf)),
      version: person.version ?? 1,
    });
  }
  return {
    storeId: options.storeId ?? 's1',
    issuedAt: new Date(options.issuedAtMs).toISOString(),
    expiresAt: new Date(options.expiresAtMs).toISOString(),
    people,
  };
}
