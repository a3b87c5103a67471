/**
 * The database file at rest: what a stolen disk shows (no document in the clear, neither in the
 * file nor in its WAL), what a wrong key does (a clear refusal, the file untouched), and the
 * file's format (SQLCipher 4, checked by decrypting page 1 with node:crypto from the published
 * format, not with the library that wrote it).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDecipheriv, createHmac, pbkdf2Sync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { RxStorageInstance } from 'rxdb/plugins/core';
import { getRxStorageSQLite } from '../storage';
import {
  docData,
  makeTempDir,
  openFileForInspection,
  openInstance,
  productSchema,
  TEST_KEY,
  type Product,
} from '../test-support';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('encryption');
});
afterEach(() => {
  temp.cleanup();
});

const WRONG_KEY = Buffer.alloc(32, 7);
/** A name no SQLite page would hold by chance: finding its bytes means a document leaked. */
const MARKER = 'Basmati-7Q2Z';

const storageWith = (encryptionKey: Uint8Array | null) =>
  getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey });

function writeMarker(instance: RxStorageInstance<Product, unknown, unknown>) {
  const doc = docData<Product>(
    { id: 'p1', name: MARKER, priceMinor: 12_345, active: true, category: 'staples' },
    1000,
  );
  return instance.bulkWrite([{ document: doc }], 'test');
}

/** Every file of the database that is on disk now (main file, WAL, shared memory). */
function bytesOnDisk(filename: string): Buffer {
  const parts = ['', '-wal', '-shm']
    .map((suffix) => filename + suffix)
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file));
  return Buffer.concat(parts);
}

describe('an encrypted database file', () => {
  it('holds no plaintext of a stored document, in the file or its WAL, open or closed', async () => {
    const storage = storageWith(TEST_KEY);
    const instance = await openInstance<Product>(storage, productSchema, {
      databaseName: 'terminal',
    });
    expect((await writeMarker(instance)).error).toEqual([]);
    const filename = storage.filenameFor('terminal');
    // While open, the committed document is in the WAL (not yet checkpointed).
    expect(existsSync(filename + '-wal')).toBe(true);
    const open = bytesOnDisk(filename);
    expect(open.includes(MARKER)).toBe(false);
    expect(open.includes('SQLite format 3')).toBe(false);
    await instance.close();

    const closed = bytesOnDisk(filename);
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.includes(MARKER)).toBe(false);
    expect(closed.includes('rxdb_collections')).toBe(false);
    // The same document is readable through the storage with the key.
    const again = await openInstance<Product>(storageWith(TEST_KEY), productSchema, {
      databaseName: 'terminal',
      collectionName: instance.collectionName,
    });
    expect((await again.findDocumentsById(['p1'], false)).map((d) => d.name)).toEqual([MARKER]);
    await again.close();
  });

  it('refuses a wrong key or no key with an error naming the file, and leaves the file as it was', async () => {
    const storage = storageWith(TEST_KEY);
    const names = { databaseName: 'terminal', collectionName: 'products' };
    const instance = await openInstance<Product>(storage, productSchema, names);
    await writeMarker(instance);
    await instance.close();
    const filename = storage.filenameFor('terminal');
    const before = readFileSync(filename);

    await expect(
      openInstance<Product>(storageWith(WRONG_KEY), productSchema, names),
    ).rejects.toThrow(
      `SQLite storage: ${filename} cannot be decrypted with this key (a wrong key, or not a database of this app)`,
    );
    await expect(openInstance<Product>(storageWith(null), productSchema, names)).rejects.toThrow(
      `SQLite storage: ${filename} is encrypted; open it with its key`,
    );
    expect(readFileSync(filename).equals(before)).toBe(true);

    const right = await openInstance<Product>(storageWith(TEST_KEY), productSchema, names);
    expect((await right.findDocumentsById(['p1'], false)).map((d) => d.name)).toEqual([MARKER]);
    await right.close();
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() =>
      getRxStorageSQLite({ databaseDir: temp.dir, encryptionKey: Buffer.alloc(16) }),
    ).toThrow('SQLite storage: the encryption key must be 32 bytes (got 16)');
  });

  it('writes the SQLCipher 4 format: page 1 decrypts with AES-256-CBC and its HMAC-SHA512 holds', async () => {
    const storage = storageWith(TEST_KEY);
    const instance = await openInstance<Product>(storage, productSchema, {
      databaseName: 'terminal',
    });
    await writeMarker(instance);
    await instance.close();
    const file = readFileSync(storage.filenameFor('terminal'));
    const inspect = openFileForInspection(storage.filenameFor('terminal'));
    const pageSize = inspect.pragma('page_size', { simple: true }) as number;
    inspect.close();
    expect(pageSize).toBe(4096);

    // SQLCipher 4 page 1: a 16-byte salt in place of the SQLite magic, then the encrypted rest
    // of the page, a 16-byte IV and a 64-byte HMAC-SHA512 over ciphertext, IV and page number.
    // With a raw key the encryption key is the key itself; the HMAC key is PBKDF2-HMAC-SHA512
    // of it, 2 rounds, with the salt XOR 0x3a.
    const page = file.subarray(0, pageSize);
    const salt = page.subarray(0, 16);
    const reserve = 16 + 64;
    const cipherText = page.subarray(16, pageSize - reserve);
    const iv = page.subarray(pageSize - reserve, pageSize - 64);
    const mac = page.subarray(pageSize - 64);
    const hmacKey = pbkdf2Sync(
      TEST_KEY,
      salt.map((b) => b ^ 0x3a),
      2,
      32,
      'sha512',
    );
    const pageNumber = Buffer.alloc(4);
    pageNumber.writeUInt32LE(1);
    const expectedMac = createHmac('sha512', hmacKey)
      .update(cipherText)
      .update(iv)
      .update(pageNumber)
      .digest();
    expect(mac.equals(expectedMac)).toBe(true);

    const decipher = createDecipheriv('aes-256-cbc', TEST_KEY, iv).setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(cipherText), decipher.final()]);
    // Bytes 16.. of the SQLite header: page size (big-endian), format versions 2/2 (WAL),
    // reserved bytes per page (80), and the fixed payload fractions 64/32/32.
    expect(plain.readUInt16BE(0)).toBe(pageSize);
    expect([...plain.subarray(2, 8)]).toEqual([2, 2, reserve, 64, 32, 32]);
  });
});
