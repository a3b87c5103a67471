import { randomBytes } from 'node:crypto';
import { DATABASE_KEY_BYTES } from '@kiryana/rxdb-sqlite';
import type { CredentialStore } from './credential-store';

const KEY_HEX = new RegExp(`^[0-9a-f]{${DATABASE_KEY_BYTES * 2}}$`);

/**
 * The key of the terminal's database files: 32 random bytes made on the first start and kept
 * in a credential store, where the OS keystore seals it in Electron (safeStorage) and a file
 * only the user can read holds it in the browser host. The key never leaves the device: a
 * database is only ever read where it was written, and a lost key means re-enrolling and
 * pulling from the server again (unsynced sales are in the file, which is kept untouched).
 * @example
 * const key = await loadOrCreateDatabaseKey(createFileCredentialStore(path, cipher));
 */
export async function loadOrCreateDatabaseKey(
  store: CredentialStore,
  random: (bytes: number) => Buffer = randomBytes,
): Promise<Buffer> {
  const stored = await store.load();
  if (stored !== null) {
    // A damaged key is an error, never a reason to make a new one: that would lock the
    // existing database (and its unsynced sales) out for good.
    if (!KEY_HEX.test(stored)) {
      throw new Error(
        'The stored database key is damaged; the database cannot be opened without it.',
      );
    }
    return Buffer.from(stored, 'hex');
  }
  const key = random(DATABASE_KEY_BYTES);
  await store.save(key.toString('hex'));
  return key;
}
