import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes with scrypt (RFC 7914) from node:crypto: memory-hard like argon2id and needs no
 * native build. Stored as `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` so the cost can rise later while
 * old hashes keep verifying.
 */

const LOG2_N = 15;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

function derive(
  password: string,
  salt: Buffer,
  log2N: number,
  r: number,
  p: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // 128·N·r bytes of memory (32 MiB at N=2^15, r=8): above node's 32 MiB default cap.
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_BYTES,
      { N: 2 ** log2N, r, p, maxmem: 256 * 2 ** 20 },
      (error, key) => {
        if (error) reject(error);
        else resolve(key);
      },
    );
  });
}

/** Hashes a new password. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, LOG2_N, R, P);
  return ['scrypt', LOG2_N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` matches a stored hash; false for anything malformed. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, log2N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !log2N || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(
    password,
    Buffer.from(salt, 'base64url'),
    Number(log2N),
    Number(r),
    Number(p),
  );
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A hash to verify against when the user does not exist, so a wrong username costs as long as a
 * wrong password and response times do not reveal which usernames exist.
 */
export const DUMMY_PASSWORD_HASH = `scrypt$${LOG2_N}$${R}$${P}$${'A'.repeat(22)}$${'A'.repeat(43)}`;
