import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileCredentialStore } from '../../src/main/credential-store';
import { createSafeStorageCipher, type SafeStorageLike } from '../../src/main/safe-storage-cipher';

/** Stands in for Electron's safeStorage (not ours, so a fake is fine): reversible, not plain text. */
function fakeSafeStorage(available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(Buffer.from(text, 'utf8').map((byte) => byte ^ 0x5a)),
    decryptString: (data) => Buffer.from(data.map((byte) => byte ^ 0x5a)).toString('utf8'),
  };
}

describe('createFileCredentialStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiryana-credential-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the credential in a file only its user can read, and forgets it', async () => {
    const path = join(dir, 'nested', 'device-credential.json');
    const store = createFileCredentialStore(path);
    expect(await store.load()).toBeNull();
    await store.save('{"deviceId":"d1"}');
    expect(await store.load()).toBe('{"deviceId":"d1"}');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await store.save('{"deviceId":"d2"}');
    expect(await createFileCredentialStore(path).load()).toBe('{"deviceId":"d2"}');
    await store.clear();
    expect(await store.load()).toBeNull();
  });

  it('encrypts at rest with safeStorage and refuses when the OS has no encryption', async () => {
    const path = join(dir, 'device-credential.bin');
    const store = createFileCredentialStore(path, createSafeStorageCipher(fakeSafeStorage()));
    await store.save('secret-credential');
    expect(readFileSync(path).toString('utf8')).not.toContain('secret');
    expect(await store.load()).toBe('secret-credential');
    const unavailable = createFileCredentialStore(
      path,
      createSafeStorageCipher(fakeSafeStorage(false)),
    );
    await expect(unavailable.save('x')).rejects.toThrow(/no encryption/);
    await expect(unavailable.load()).rejects.toThrow(/no encryption/);
  });

  it('refuses an oversized credential', async () => {
    const store = createFileCredentialStore(join(dir, 'c.json'));
    await expect(store.save('x'.repeat(9000))).rejects.toThrow(/too large/);
  });
});
