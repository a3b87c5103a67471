import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Where the device credential lives between runs. One interface, two keepers: Electron encrypts
 * it with the OS keychain (`safeStorage`, see safe-storage-cipher.ts); the Node host for browser
 * demos and tests keeps it in a file readable by the user only.
 */
export type CredentialStore = {
  load(): Promise<string | null>;
  save(text: string): Promise<void>;
  clear(): Promise<void>;
};

/** Encrypts the credential at rest. */
export type CredentialCipher = {
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
};

/** The credential is small; anything larger is not ours. */
export const MAX_CREDENTIAL_BYTES = 8 * 1024;

/**
 * A credential store in one file, written atomically (temp file + rename) with mode 0600, and
 * encrypted when a cipher is given.
 * @example
 * const store = createFileCredentialStore('/var/lib/kiryana/device-credential.json');
 */
export function createFileCredentialStore(
  path: string,
  cipher?: CredentialCipher,
): CredentialStore {
  return {
    async load() {
      let data: Buffer;
      try {
        data = await readFile(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      return cipher === undefined ? data.toString('utf8') : cipher.decrypt(data);
    },
    async save(text) {
      if (Buffer.byteLength(text) > MAX_CREDENTIAL_BYTES)
        throw new Error('The credential is too large.');
      const data = cipher === undefined ? Buffer.from(text, 'utf8') : cipher.encrypt(text);
      await mkdir(dirname(path), { recursive: true });
      const temp = `${path}.${process.pid}.tmp`;
      await writeFile(temp, data, { mode: 0o600 });
      await chmod(temp, 0o600);
      await rename(temp, path);
    },
    async clear() {
      await rm(path, { force: true });
    },
  };
}
