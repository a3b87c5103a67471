/* eslint-disable @typescript-eslint/no-non-null-assertion -- every typed-array index below is in
   range by construction, and this is the hot loop a cashier waits on: no `?? 0` branches. */
/**
 * scrypt (RFC 7914) in plain TypeScript, because WebCrypto has no memory-hard KDF and the PIN check
 * must run offline in a browser tab and in the Electron renderer alike. The two PBKDF2-SHA256 steps
 * run on WebCrypto; ROMix (salsa20/8 over 128·r-byte blocks, N of them kept in memory) runs here on
 * 32-bit words. Written from the RFC; the tests compare it with node:crypto's scrypt.
 */

/** scrypt cost: N = 2^logN, block size r, parallelism p. */
export type ScryptCost = { logN: number; r: number; p: number };

function subtle(): SubtleCrypto {
  return globalThis.crypto.subtle;
}

async function pbkdf2Once(
  password: Uint8Array<ArrayBuffer>,
  salt: Uint8Array<ArrayBuffer>,
  bytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = await subtle().importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle().deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 1 },
    key,
    bytes * 8,
  );
  return new Uint8Array(bits);
}

/**
 * One BlockMix(salsa20/8) step for block i: x ^= b[i], x = salsa20/8(x), written to y at `out`.
 * The state lives in local variables (registers), not in the array, which is what makes it fast.
 */
function mixBlock(x: Int32Array, b: Int32Array, bi: number, y: Int32Array, out: number): void {
  let x0 = x[0]! ^ b[bi]!,
    x1 = x[1]! ^ b[bi + 1]!,
    x2 = x[2]! ^ b[bi + 2]!,
    x3 = x[3]! ^ b[bi + 3]!;
  let x4 = x[4]! ^ b[bi + 4]!,
    x5 = x[5]! ^ b[bi + 5]!,
    x6 = x[6]! ^ b[bi + 6]!,
    x7 = x[7]! ^ b[bi + 7]!;
  let x8 = x[8]! ^ b[bi + 8]!,
    x9 = x[9]! ^ b[bi + 9]!,
    x10 = x[10]! ^ b[bi + 10]!;
  let x11 = x[11]! ^ b[bi + 11]!,
    x12 = x[12]! ^ b[bi + 12]!,
    x13 = x[13]! ^ b[bi + 13]!;
  let x14 = x[14]! ^ b[bi + 14]!,
    x15 = x[15]! ^ b[bi + 15]!;
  const i0 = x0,
    i1 = x1,
    i2 = x2,
    i3 = x3,
    i4 = x4,
    i5 = x5,
    i6 = x6,
    i7 = x7;
  const i8 = x8,
    i9 = x9,
    i10 = x10,
    i11 = x11,
    i12 = x12,
    i13 = x13,
    i14 = x14,
    i15 = x15;
  let u: number;
  for (let round = 0; round < 8; round += 2) {
    // Column round.
    u = (x0 + x12) | 0;
    x4 ^= (u << 7) | (u >>> 25);
    u = (x4 + x0) | 0;
    x8 ^= (u << 9) | (u >>> 23);
    u = (x8 + x4) | 0;
    x12 ^= (u << 13) | (u >>> 19);
    u = (x12 + x8) | 0;
    x0 ^= (u << 18) | (u >>> 14);
    u = (x5 + x1) | 0;
    x9 ^= (u << 7) | (u >>> 25);
    u = (x9 + x5) | 0;
    x13 ^= (u << 9) | (u >>> 23);
    u = (x13 + x9) | 0;
    x1 ^= (u << 13) | (u >>> 19);
    u = (x1 + x13) | 0;
    x5 ^= (u << 18) | (u >>> 14);
    u = (x10 + x6) | 0;
    x14 ^= (u << 7) | (u >>> 25);
    u = (x14 + x10) | 0;
    x2 ^= (u << 9) | (u >>> 23);
    u = (x2 + x14) | 0;
    x6 ^= (u << 13) | (u >>> 19);
    u = (x6 + x2) | 0;
    x10 ^= (u << 18) | (u >>> 14);
    u = (x15 + x11) | 0;
    x3 ^= (u << 7) | (u >>> 25);
    u = (x3 + x15) | 0;
    x7 ^= (u << 9) | (u >>> 23);
    u = (x7 + x3) | 0;
    x11 ^= (u << 13) | (u >>> 19);
    u = (x11 + x7) | 0;
    x15 ^= (u << 18) | (u >>> 14);
    // Row round.
    u = (x0 + x3) | 0;
    x1 ^= (u << 7) | (u >>> 25);
    u = (x1 + x0) | 0;
    x2 ^= (u << 9) | (u >>> 23);
    u = (x2 + x1) | 0;
    x3 ^= (u << 13) | (u >>> 19);
    u = (x3 + x2) | 0;
    x0 ^= (u << 18) | (u >>> 14);
    u = (x5 + x4) | 0;
    x6 ^= (u << 7) | (u >>> 25);
    u = (x6 + x5) | 0;
    x7 ^= (u << 9) | (u >>> 23);
    u = (x7 + x6) | 0;
    x4 ^= (u << 13) | (u >>> 19);
    u = (x4 + x7) | 0;
    x5 ^= (u << 18) | (u >>> 14);
    u = (x10 + x9) | 0;
    x11 ^= (u << 7) | (u >>> 25);
    u = (x11 + x10) | 0;
    x8 ^= (u << 9) | (u >>> 23);
    u = (x8 + x11) | 0;
    x9 ^= (u << 13) | (u >>> 19);
    u = (x9 + x8) | 0;
    x10 ^= (u << 18) | (u >>> 14);
    u = (x15 + x14) | 0;
    x12 ^= (u << 7) | (u >>> 25);
    u = (x12 + x15) | 0;
    x13 ^= (u << 9) | (u >>> 23);
    u = (x13 + x12) | 0;
    x14 ^= (u << 13) | (u >>> 19);
    u = (x14 + x13) | 0;
    x15 ^= (u << 18) | (u >>> 14);
  }
  x[0] = y[out] = (x0 + i0) | 0;
  x[1] = y[out + 1] = (x1 + i1) | 0;
  x[2] = y[out + 2] = (x2 + i2) | 0;
  x[3] = y[out + 3] = (x3 + i3) | 0;
  x[4] = y[out + 4] = (x4 + i4) | 0;
  x[5] = y[out + 5] = (x5 + i5) | 0;
  x[6] = y[out + 6] = (x6 + i6) | 0;
  x[7] = y[out + 7] = (x7 + i7) | 0;
  x[8] = y[out + 8] = (x8 + i8) | 0;
  x[9] = y[out + 9] = (x9 + i9) | 0;
  x[10] = y[out + 10] = (x10 + i10) | 0;
  x[11] = y[out + 11] = (x11 + i11) | 0;
  x[12] = y[out + 12] = (x12 + i12) | 0;
  x[13] = y[out + 13] = (x13 + i13) | 0;
  x[14] = y[out + 14] = (x14 + i14) | 0;
  x[15] = y[out + 15] = (x15 + i15) | 0;
}

/** BlockMix(salsa20/8) of the 2r 16-word blocks of `b` into `y`. */
function blockMix(b: Int32Array, y: Int32Array, r: number, x: Int32Array): void {
  x.set(b.subarray((2 * r - 1) * 16, 2 * r * 16));
  for (let i = 0; i < 2 * r; i += 1) {
    // Even blocks go to the first half, odd ones to the second.
    mixBlock(x, b, i * 16, y, ((i & 1) * r + (i >> 1)) * 16);
  }
}

/** ROMix of one 128·r-byte block, in place (as little-endian words). */
function roMix(block: Int32Array, n: number, r: number): void {
  const words = 32 * r;
  const v = new Int32Array(n * words);
  const y = new Int32Array(words);
  const x = new Int32Array(16);
  const b = block;
  for (let i = 0; i < n; i += 1) {
    v.set(b, i * words);
    blockMix(b, y, r, x);
    b.set(y);
  }
  for (let i = 0; i < n; i += 1) {
    // Integerify: the first word of the last 64-byte block, modulo N (a power of two).
    const j = b[(2 * r - 1) * 16]! & (n - 1);
    for (let k = 0; k < words; k += 1) b[k] = b[k]! ^ v[j * words + k]!;
    blockMix(b, y, r, x);
    b.set(y);
  }
}

function littleEndian(): boolean {
  return new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
}

/** scrypt(password, salt, N, r, p) with a 32-byte result by default. */
export async function scrypt(
  password: Uint8Array<ArrayBuffer>,
  salt: Uint8Array<ArrayBuffer>,
  cost: ScryptCost,
  bytes = 32,
): Promise<Uint8Array<ArrayBuffer>> {
  const { logN, r, p } = cost;
  if (!Number.isInteger(logN) || logN < 1 || logN > 22 || r < 1 || r > 32 || p < 1 || p > 16) {
    throw new RangeError('scrypt cost out of range');
  }
  if (!littleEndian()) throw new Error('scrypt here assumes a little-endian machine');
  const blockBytes = 128 * r;
  const b = await pbkdf2Once(password, salt, p * blockBytes);
  for (let i = 0; i < p; i += 1) {
    // Int32Array views share the bytes, so the words are mixed in place.
    roMix(new Int32Array(b.buffer, i * blockBytes, blockBytes / 4), 2 ** logN, r);
  }
  return pbkdf2Once(password, b, bytes);
}
