import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRxStorageSQLite } from '@kiryana/rxdb-sqlite';
import { saleSchema, storeSchema, taxRateSchema } from '@kiryana/shared';
import { createRxDatabase, type RxJsonSchema } from 'rxdb/plugins/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTerminalDatabase } from '../../src/renderer/db/database';
import { TERMINAL_SCHEMAS } from '../../src/renderer/db/schemas';
import { TEST_SALE, TEST_STORE } from '../../src/renderer/testing/receipt-fixtures';

/**
 * A terminal upgraded to the GST release reopens the database its previous release wrote: sales,
 * stores and tax rates were at RxDB schema version 0 (documents of shape version 1, without the
 * buyer, composition or specific cess fields). The migration strategies of database.ts must carry
 * every document over unchanged, on a real SQLite file, or the terminal would not start (RxDB
 * refuses a newer schema without a strategy) or would lose unsynced bills.
 */

/** The fields each collection's version 2 added: the version-0 schema had none of them. */
const ADDED_IN_V2 = {
  sales: ['buyer', 'placeOfSupply', 'invoiceKind'],
  stores: ['legalName', 'composition', 'einvoicing'],
  'tax-rates': ['cessSpecificMinor', 'cessSpecificPerQty'],
} as const;

type Migrated = keyof typeof ADDED_IN_V2;

/** The version-0 RxDB schema of a collection, as the previous release declared it. */
function versionZeroOf(collection: Migrated): RxJsonSchema<unknown> {
  const current = TERMINAL_SCHEMAS[collection] as unknown as {
    version: number;
    properties: Record<string, unknown>;
  };
  const added: readonly string[] = ADDED_IN_V2[collection];
  const properties = Object.fromEntries(
    Object.entries(current.properties).filter(([field]) => !added.includes(field)),
  );
  properties.schemaVersion = { type: 'number', const: 1 };
  return { ...current, version: 0, properties } as unknown as RxJsonSchema<unknown>;
}

// Version-1 documents: what the previous release stored (no v2 field at all).
const { buyer: _b, placeOfSupply: _p, invoiceKind: _k, ...saleFields } = TEST_SALE;
const OLD_SALE = { ...saleFields, schemaVersion: 1 as const };
const OLD_STORE = { ...TEST_STORE, schemaVersion: 1 as const };
const OLD_RATE = {
  id: 'gst-18@2017-07-01',
  schemaVersion: 1 as const,
  taxClassId: 'gst-18',
  rateBp: 1800,
  cessBp: 0,
  effectiveFrom: '2017-07-01',
  effectiveTo: null,
  description: '18 %',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('the terminal database after an upgrade to sale, store and tax-rate version 2', () => {
  let dir: string;
  let storage: ReturnType<typeof getRxStorageSQLite>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiryana-migration-'));
    storage = getRxStorageSQLite({ databaseDir: dir, encryptionKey: randomBytes(32) });
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reopens a database written at version 0 and keeps every sale, store and tax rate', async () => {
    expect(TERMINAL_SCHEMAS.sales.version).toBeGreaterThan(0);
    const old = await createRxDatabase({ name: 'terminal', storage, multiInstance: false });
    await old.addCollections({
      sales: { schema: versionZeroOf('sales') },
      stores: { schema: versionZeroOf('stores') },
      'tax-rates': { schema: versionZeroOf('tax-rates') },
    });
    await old.collections.sales?.insert(OLD_SALE);
    await old.collections.stores?.insert(OLD_STORE);
    await old.collections['tax-rates']?.insert(OLD_RATE);
    await old.close();

    const db = await openTerminalDatabase({ storage, name: 'terminal' });
    try {
      const sale = (await db.sales.findOne(OLD_SALE.id).exec())?.toJSON();
      const store = (await db.stores.findOne(OLD_STORE.id).exec())?.toJSON();
      const rate = (await db['tax-rates'].findOne(OLD_RATE.id).exec())?.toJSON();
      expect(sale).toEqual(OLD_SALE);
      expect(store).toEqual(OLD_STORE);
      expect(rate).toEqual(OLD_RATE);
      // Still valid documents of the shared contract (a v1 sale reads as a B2C tax invoice).
      expect(saleSchema.safeParse({ ...sale, _deleted: false }).success).toBe(true);
      expect(storeSchema.safeParse({ ...store, _deleted: false }).success).toBe(true);
      expect(taxRateSchema.safeParse({ ...rate, _deleted: false }).success).toBe(true);
      // The migrated collections take version-2 documents next to the old ones.
      await db.sales.insert({
        ...TEST_SALE,
        id: '01890a5d-ac96-774b-bcce-b302099a8058',
        invoiceNo: 'BLR1T1/26/000008',
        placeOfSupply: '29',
      });
      expect(await db.sales.count().exec()).toBe(2);
    } finally {
      await db.close();
    }
  });
});
