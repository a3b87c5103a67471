import type { CredentialCipher } from './credential-store';

/** The part of Electron's `safeStorage` the cipher uses (passed in, so tests need no Electron). */
export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
};

/**
 * Encrypts the device credential with the OS keychain (DPAPI, Keychain, libsecret). Refuses to
 * store it in the clear when the OS offers no encryption, rather than silently weakening it.
 */
export function createSafeStorageCipher(safeStorage: SafeStorageLike): CredentialCipher {
  const assertAvailable = () => {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new Error('The operating system offers no encryption for the device credential.');
    }
  };
  return {
    encrypt(text) {
      assertAvailable();
      return safeStorage.encryptString(text);
    },
    decrypt(data) {
      assertAvailable();
      return safeStorage.decryptString(data);
    },
  };
}
