/**
 * The PIN check's cryptography, on WebCrypto only, so it runs the same in a browser tab and in the
 * Electron renderer. The server issues PBKDF2-SHA256 verifiers; this terminal keeps only
 * HMAC(pepper, verifier), where the pepper is derived from its device secret (kept encrypted at
 * rest by the platform). A copy of the terminal's database without the device secret is therefore
 * useless for guessing PINs offline (docs/security.md, "Cashier PINs").
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
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The terminal's PIN pepper: an HMAC key derived from the device secret for this one purpose. */
export async function derivePepperKey(deviceSecret: string): Promise<CryptoKey> {
  const secretKey = await subtle().importKey(
    'raw',
    encoder.encode(deviceSecret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const pepper = await subtle().sign('HMAC', secretKey, encoder.encode('kiryana pin pepper v1'));
  return subtle().importKey('raw', pepper, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** PBKDF2-HMAC-SHA256 of a PIN, 32 bytes, as the server derives verifiers. */
export async function derivePinBytes(
  pin: string,
  saltB64: string,
  iterations: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const pinKey = await subtle().importKey('raw', encoder.encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await subtle().deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64Url(saltB64), iterations },
    pinKey,
    256,
  );
  return new Uint8Array(bits);
}

/** What the terminal keeps of a verifier: HMAC(pepper, verifier bytes). */
export async function pepperVerifier(
  pepperKey: CryptoKey,
  verifier: Uint8Array<ArrayBuffer>,
): Promise<string> {
  return toBase64Url(await subtle().sign('HMAC', pepperKey, verifier));
}

/** Compares two strings without stopping at the first difference. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
