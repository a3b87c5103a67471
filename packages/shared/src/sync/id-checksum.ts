/**
 * The checksum of a set of ids, exactly as the server's sync health computes it in SQL
 * (`sync-health.queries.ts`): XOR of the first 64 bits of SHA-256 of each id's UTF-8, as 16
 * lowercase hex digits. XOR does not depend on order and the checksums of disjoint sets combine
 * by XOR, so days add up to periods; a doubled id cancels out, which is why every checksum is
 * compared together with its count. WebCrypto's SHA-256 (async) runs in Node 20, browsers and the
 * Electron renderer alike, so a terminal computes over its own ids what the server computes.
 */

/** The one WebCrypto call used; shared compiles without DOM or Node types. */
type WebCrypto = {
  readonly subtle: {
    digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
  };
};
type Utf8Encoder = { encode(text: string): Uint8Array };

const webCrypto = (): WebCrypto => (globalThis as unknown as { crypto: WebCrypto }).crypto;
const utf8 = (): Utf8Encoder =>
  new (globalThis as unknown as { TextEncoder: new () => Utf8Encoder }).TextEncoder();

/** The checksum of no ids. */
export const EMPTY_ID_CHECKSUM = '0000000000000000';

/** The name the health answer gives this algorithm (`checksumAlgorithm`). */
export const ID_CHECKSUM_ALGORITHM = 'xor-sha256-64';

/**
 * The order-independent checksum of `ids`.
 * @example
 * await idChecksum([]); // '0000000000000000'
 */
export async function idChecksum(ids: Iterable<string>): Promise<string> {
  const encoder = utf8();
  const digests = await Promise.all(
    [...ids].map((id) => webCrypto().subtle.digest('SHA-256', encoder.encode(id))),
  );
  let acc = 0n;
  // The first 8 bytes, big-endian: the SQL's `('x' || left(hex, 16))::bit(64)`.
  for (const digest of digests) acc ^= new DataView(digest).getBigUint64(0, false);
  return acc.toString(16).padStart(16, '0');
}

/**
 * Combines the checksums of two disjoint sets into the checksum of their union.
 * @example
 * xorChecksums(await idChecksum(['a']), await idChecksum(['b'])) === (await idChecksum(['a', 'b']));
 */
export function xorChecksums(a: string, b: string): string {
  return (BigInt(`0x${a}`) ^ BigInt(`0x${b}`)).toString(16).padStart(16, '0');
}
