import { createHash } from 'node:crypto';

/**
 * The checksum of a set of ids as the sync health endpoint computes it in SQL
 * (sync-health.queries.ts): XOR of the first 64 bits of SHA-256 of each id's UTF-8, as 16
 * lowercase hex digits. Node's synchronous twin of the clients' WebCrypto `idChecksum`
 * (`@kiryana/shared`) for operator tools; id-checksum.test.ts proves the two and the SQL agree.
 * @example
 * idChecksum([]); // '0000000000000000'
 */
export function idChecksum(ids: Iterable<string>): string {
  let acc = 0n;
  for (const id of ids) {
    acc ^= BigInt(`0x${createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 16)}`);
  }
  return acc.toString(16).padStart(16, '0');
}
