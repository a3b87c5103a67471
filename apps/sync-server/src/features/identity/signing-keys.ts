import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
} from 'node:crypto';
import type { JWK } from 'jose';
import type { Db } from '../../db/db';

/**
 * The embedded issuer's signing key (RS256), shared by every server process through the database
 * and sealed there with AES-256-GCM under a key derived from the server secret: a database copy
 * alone cannot mint tokens. The first process to start creates it.
 */
export async function loadSigningKeys(db: Db, secret: string): Promise<JWK[]> {
  const sealKey = deriveKey(secret, 'kiryana oidc signing key seal v1');
  const existing = await db.query<{ kid: string; sealed: string }>(
    'SELECT kid, sealed FROM oidc_signing_keys ORDER BY created_at DESC',
  );
  if (existing.rows.length > 0) return existing.rows.map((row) => unseal(row.sealed, sealKey));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = {
    ...(privateKey.export({ format: 'jwk' }) as JWK),
    kid: randomUUID(),
    alg: 'RS256',
    use: 'sig',
  };
  await db.query(
    'INSERT INTO oidc_signing_keys (kid, sealed) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [jwk.kid, seal(jwk, sealKey)],
  );
  // Another process may have won the race: everyone uses what is stored.
  const stored = await db.query<{ sealed: string }>(
    'SELECT sealed FROM oidc_signing_keys ORDER BY created_at DESC',
  );
  return stored.rows.map((row) => unseal(row.sealed, sealKey));
}

/** The public half of signing keys, for verifying tokens locally. */
export function publicJwks(keys: readonly JWK[]): { keys: JWK[] } {
  return { keys: keys.map(({ kty, n, e, kid, alg, use }) => ({ kty, n, e, kid, alg, use })) };
}

/** A purpose-bound key from the server secret (HMAC-SHA256 of a label). */
export function deriveKey(secret: string, label: string): Buffer {
  return createHmac('sha256', secret).update(label).digest();
}

function seal(value: unknown, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

function unseal(sealed: string, key: Buffer): JWK {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !body) throw new Error('a sealed signing key is malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return JSON.parse(
    Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8'),
  ) as JWK;
}
