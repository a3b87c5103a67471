import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileCredentialStore } from '../../src/main/credential-store';
import { loadOrCreateDatabaseKey } from '../../src/main/database-key';
import { createSafeStorageCipher, type SafeStorageLike } from '../../src/main/safe-storage-cipher';

/** Stands in for Electron's safeStorage (not ours, so a fake is fine): reversible, not plain text. */
function fakeSafeStorage(available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(Buffer.from(text, 'utf8').map((byte) => byte ^ 0x5a)),
    decryptString: (data) => Buffer.from(data.map((byte) => byte ^ 0x5a)).toString('utf8'),
  };
}

describe('loadOrCreateDatabaseKey', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiryana-db-key-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes a random 32-byte key on first start, sealed, and returns the same key on every start', async () => {
    const path = join(dir, 'database-key.bin');
    const sealed = () =>
      createFileCredentialStore(path, createSafeStorageCipher(fakeSafeStorage()));
    const first = await loadOrCreateDatabaseKey(sealed());
    expect(first.length).toBe(32);
    expect(await loadOrCreateDatabaseKey(sealed())).toEqual(first);
    // Sealed at rest: neither the bytes nor their hex are in the file, which only its user reads.
    const onDisk = readFileSync(path);
    expect(onDisk.includes(first)).toBe(false);
    expect(onDisk.toString('latin1')).not.toContain(first.toString('hex'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // Another terminal (another folder) gets another key.
    const other = createFileCredentialStore(join(dir, 'other.bin'));
    expect((await loadOrCreateDatabaseKey(other)).equals(first)).toBe(false);
  });

  it('refuses to make a key when the OS keystore offers no encryption', async () => {
    const store = createFileCredentialStore(
      join(dir, 'database-key.bin'),
      createSafeStorageCipher(fakeSafeStorage(false)),
    );
    await expect(loadOrCreateDatabaseKey(store)).rejects.toThrow(/no encryption/);
  });

  it('refuses a damaged stored key rather than making a new one', async () => {
    const store = createFileCredentialStore(join(dir, 'database-key.bin'));
    await store.save('not-a-key');
    await expect(loadOrCreateDatabaseKey(store)).rejects.toThrow(
      'The stored database key is damaged; the database cannot be opened without it.',
    );
    expect(await store.load()).toBe('not-a-key');
  });
});
