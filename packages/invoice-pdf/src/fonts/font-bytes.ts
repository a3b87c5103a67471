import { NOTO_SANS_DEVANAGARI_BOLD } from './noto-sans-devanagari-bold';
import { NOTO_SANS_DEVANAGARI_REGULAR } from './noto-sans-devanagari-regular';

/**
 * The invoice fonts: Noto Sans Devanagari, which also carries Latin, digits and the ₹ sign, so one
 * face prints English, Hindi and amounts. Kept as base64 modules rather than files so that Node
 * and the browser load them alike, with no fetch or file system; decoded once, on first use.
 */

/** Bytes of a base64 text (atob exists in Node 16+ and every browser). */
export function bytesOfBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let decoded: { readonly regular: Uint8Array; readonly bold: Uint8Array } | null = null;

/** The regular and bold TrueType fonts. */
export function invoiceFonts(): { readonly regular: Uint8Array; readonly bold: Uint8Array } {
  decoded ??= {
    regular: bytesOfBase64(NOTO_SANS_DEVANAGARI_REGULAR),
    bold: bytesOfBase64(NOTO_SANS_DEVANAGARI_BOLD),
  };
  return decoded;
}
