import { PARTY_SCHEMA_VERSION, type Party } from '@kiryana/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  lastCostPerBasis,
  storeSuppliers,
  supplierById,
  supplierNamed,
} from '../../src/renderer/db/party-queries';
import type { Stored } from '../../src/renderer/db/schemas';
import { openTestDatabase, type TestDatabase } from './open-test-database';

/**
 * The `parties` collection on the terminal's real SQLite storage: the supplier list of the stock
 * screen's receipt (active ones, by name, also after a restart), what a typed name picks, and the
 * cost a line starts from.
 */

const party = (id: string, name: string, over: Partial<Stored<Party>> = {}): Stored<Party> => ({
  id,
  schemaVersion: PARTY_SCHEMA_VERSION,
  kind: 'supplier',
  name,
  gstin: null,
  stateCode: '27',
  paymentTermsDays: 30,
  leadTimeDays: 3,
  products: [],
  active: true,
  updatedAt: '2026-04-01T04:00:00.000Z',
  ...over,
});

describe('parties on the terminal database', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await openTestDatabase();
  });
  afterEach(async () => {
    await t.close();
  });

  it('lists the active suppliers by name, keeps a retired one readable, forgets a removed one', async () => {
    await t.db.parties.bulkInsert([
      party('sup-3', 'Zaveri Foods', {
        products: [
          {
            productId: 'rice',
            orderUnitName: 'bag 25 kg',
            baseUnitsPerOrderUnit: 25_000,
            lastCostMinorPerOrderUnit: 125_000,
          },
        ],
      }),
      party('sup-1', 'Shree Traders', {
        gstin: '27AAPFU0939F1ZV',
        products: [
          {
            productId: 'p1',
            orderUnitName: 'case',
            baseUnitsPerOrderUnit: 24,
            lastCostMinorPerOrderUnit: 25_000,
          },
          {
            productId: 'p2',
            orderUnitName: 'piece',
            baseUnitsPerOrderUnit: 1,
            lastCostMinorPerOrderUnit: null,
          },
        ],
      }),
      party('sup-2', 'Annapurna Agencies', { active: false }),
      party('sup-4', 'Bharat Wholesale'),
    ]);
    // Replication deletes a supplier unlinked from the store.
    await (await t.db.parties.findOne('sup-4').exec())?.remove();

    const db = await t.reopen();
    const suppliers = await storeSuppliers(db);
    expect(suppliers.map((s) => s.name)).toEqual(['Shree Traders', 'Zaveri Foods']);
    expect((await supplierById(db, 'sup-2'))?.active).toBe(false);
    expect(await supplierById(db, 'sup-4')).toBeUndefined();

    const shree = supplierNamed(suppliers, '  shree traders ');
    expect(shree?.id).toBe('sup-1');
    // A local seller not in the list stays free text.
    expect(supplierNamed(suppliers, 'Raju Kirana Wholesale')).toBeUndefined();
    expect(supplierNamed(suppliers, '')).toBeUndefined();
    // ₹250 a case of 24 → ₹10.42 a piece (half up); no quote yet → nothing to start from.
    expect(shree && lastCostPerBasis(shree, 'p1', 1)).toBe(1042);
    expect(shree && lastCostPerBasis(shree, 'p2', 1)).toBeUndefined();
    expect(shree && lastCostPerBasis(shree, 'p9', 1)).toBeUndefined();
    // Loose rice: ₹1,250 a 25 kg bag is ₹50.00 a kg (the basis of a loose product's cost).
    const rice = supplierNamed(suppliers, 'Zaveri Foods');
    expect(rice && lastCostPerBasis(rice, 'rice', 1000)).toBe(5000);
  });
});
