import { type ScryptCost, scrypt } from './scrypt';

/**
 * The PIN check's cryptography, on WebCrypto and a plain-TypeScript scrypt, so it runs the same in
 * a browser tab and in the Electron renderer. A verifier is scrypt(PBKDF2-SHA256(PIN)); the server
 * sends this terminal only HMAC(PIN key, verifier), where the PIN key is the random key it handed
 * the terminal once with its device credential (kept encrypted at rest beside it). A copy of the
 * terminal's database, or everything a stolen access token downloads, is therefore useless for
 * guessing PINs offline without that key (docs/security.md, "Cashier PINs").
 */

const encoder = new TextEncoder();

function subtle(): SubtleCrypto {
  return globalThis.crypto.subtle;
}

/** base64url without padding. */
export function toBase64Url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (const byte of view) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url (with or without padding). */
function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The terminal's PIN key (base64url, from its credential) as an HMAC-SHA256 key. */
export function importPinKey(pinKey: string): Promise<CryptoKey> {
  return subtle().importKey(
    'raw',
    fromBase64Url(pinKey),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
}

/** The parameters of a verifier: PBKDF2-SHA256 (salt, iterations), then scrypt (salt, cost). */
export type VerifierKdf = {
  salt: string;
  iterations: number;
  scrypt: ScryptCost & { salt: string };
};

/** A PIN's verifier, 32 bytes: scrypt over PBKDF2-HMAC-SHA256, as the server derives it. */
export async function derivePinVerifier(
  pin: string,
  kdf: VerifierKdf,
): Promise<Uint8Array<ArrayBuffer>> {
  const pinKey = await subtle().importKey('raw', encoder.encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const inner = await subtle().deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64Url(kdf.salt), iterations: kdf.iterations },
    pinKey,
    256,
  );
  return scrypt(new Uint8Array(inner), fromBase64Url(kdf.scrypt.salt), kdf.scrypt);
}

/** What the server sends and the terminal keeps of a verifier: HMAC(PIN key, verifier). */
export async function sealVerifier(
  pinKey: CryptoKey,
  verifier: Uint8Array<ArrayBuffer>,
): Promise<string> {
  return toBase64Url(await subtle().sign('HMAC', pinKey, verifier));
}

/** Compares two strings without stopping at the first difference. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
