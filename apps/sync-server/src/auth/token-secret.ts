import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The device token secret: DEVICE_TOKEN_SECRET when set, else (development only; env.ts refuses
 * this in production) a random secret generated once and kept in the data folder, so tokens stay
 * valid across restarts of a demo.
 */
export async function resolveDeviceTokenSecret(
  configured: string | undefined,
  dataDir: string,
): Promise<{ secret: string; source: 'env' | 'file' | 'generated' }> {
  if (configured) return { secret: configured, source: 'env' };
  const file = join(dataDir, 'device-token-secret');
  const existing = await readSecret(file);
  if (existing) return { secret: existing, source: 'file' };
  await mkdir(dataDir, { recursive: true });
  try {
    // 'wx' fails if another process created it first; then we use theirs.
    await writeFile(file, `${randomBytes(32).toString('base64url')}\n`, {
      flag: 'wx',
      mode: 0o600,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = await readSecret(file);
  if (!secret) throw new Error(`could not read the generated secret in ${file}`);
  return { secret, source: 'generated' };
}

async function readSecret(file: string): Promise<string | undefined> {
  try {
    const text = (await readFile(file, 'utf8')).trim();
    return text.length >= 32 ? text : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
