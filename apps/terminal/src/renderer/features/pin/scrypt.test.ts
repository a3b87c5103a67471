import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scrypt } from './scrypt';

const bytes = (text: string) => new Uint8Array(new TextEncoder().encode(text));
const hex = (data: Uint8Array) => Buffer.from(data).toString('hex');

describe('scrypt', () => {
  it('matches RFC 7914’s test vectors', async () => {
    expect(hex(await scrypt(bytes(''), bytes(''), { logN: 4, r: 1, p: 1 }, 64))).toBe(
      '77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906',
    );
    expect(hex(await scrypt(bytes('password'), bytes('NaCl'), { logN: 10, r: 8, p: 16 }, 64))).toBe(
      'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640',
    );
  });

  it('matches node:crypto for the PIN verifier’s shapes', async () => {
    for (const [logN, r, p] of [
      [10, 8, 1],
      [12, 4, 2],
      [11, 1, 3],
    ] as const) {
      const password = crypto.getRandomValues(new Uint8Array(32));
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const expected = scryptSync(password, salt, 32, { N: 2 ** logN, r, p });
      expect(hex(await scrypt(password, salt, { logN, r, p }))).toBe(expected.toString('hex'));
    }
  });
});
