import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confirmSynced, recordMovements } from '../../src/renderer/db/facts';
import { counterStock } from '../../src/renderer/db/stock-queries';
import { cartReducer, EMPTY_CART } from '../../src/renderer/features/billing/cart';
import { completeBill } from '../../src/renderer/features/billing/complete-bill';
import { createCatalogue } from '../../src/renderer/catalogue/catalogue';
import { resolveScan } from '../../src/renderer/features/billing/scan';
import {
  adjustmentMovement,
  receiptMovements,
  type MovementMeta,
} from '../../src/renderer/features/stock/stock-documents';
import { TEST_CATALOGUE, TEST_PRICE_CONTEXT } from '../../src/renderer/testing/catalogue-fixtures';
import {
  counterDepsOf,
  movementMetaOf,
  openTestDatabase,
  type TestDatabase,
} from './open-test-database';

describe('stock at the counter on a real SQLite database', () => {
  let t: TestDatabase;
  let meta: MovementMeta;
  beforeEach(async () => {
    t = await openTestDatabase();
    meta = movementMetaOf(t);
    await t.db['stock-levels'].bulkInsert([
      {
        id: 'store-1|salt',
        schemaVersion: 1,
        storeId: 'store-1',
        productId: 'salt',
        qtyBase: 10,
        updatedAt: meta.createdAt,
      },
      {
        id: 'store-1|soap',
        schemaVersion: 1,
        storeId: 'store-1',
        productId: 'soap',
        qtyBase: 4,
        updatedAt: meta.createdAt,
      },
    ]);
  });
  afterEach(async () => {
    await t.close();
  });

  it('shows the server level plus unsynced receipts, adjustments and sales until they are confirmed', async () => {
    const receipt = receiptMovements(
      {
        supplier: 'Agarwal Traders',
        supplierInvoiceNo: 'AT/991',
        lines: [{ productId: 'soap', qtyBase: 12, unitCostMinor: 3100 }],
      },
      meta,
    );
    const damage = adjustmentMovement(
      { productId: 'salt', qtyDeltaBase: -2, reason: 'damage', note: 'torn' },
      meta,
    );
    if (!receipt.ok || !damage.ok) throw new Error('movements refused');
    await recordMovements(t.db, [...receipt.movements, damage.movement]);
    const scanned = resolveScan(
      createCatalogue(TEST_CATALOGUE),
      '8901058000012',
      TEST_PRICE_CONTEXT,
    );
    if (scanned.kind !== 'line') throw new Error('scan failed');
    let cart = cartReducer(EMPTY_CART, {
      type: 'add',
      line: { ...scanned.line, key: 'a', qtyBase: 3 },
    });
    cart = cartReducer(cart, {
      type: 'addPayment',
      payment: { method: 'cash', amountMinor: 8400 },
    });
    const sale = await completeBill(counterDepsOf(t), cart, {
      currency: 'INR',
      allowCredit: false,
    });
    if (!sale.ok) throw new Error(JSON.stringify(sale.errors));

    const byProduct = async () =>
      Object.fromEntries((await counterStock(t.db, 'store-1')).map((row) => [row.productId, row]));
    expect(await byProduct()).toEqual({
      salt: { productId: 'salt', serverQtyBase: 10, unsyncedDeltaBase: -5, qtyBase: 5 },
      soap: { productId: 'soap', serverQtyBase: 4, unsyncedDeltaBase: 12, qtyBase: 16 },
    });
    await confirmSynced(t.db, [sale.sale.id, damage.movement.id]);
    expect((await byProduct()).salt).toEqual({
      productId: 'salt',
      serverQtyBase: 10,
      unsyncedDeltaBase: 0,
      qtyBase: 10,
    });
  });

  it('refuses adjustments of zero and receipts of nothing', () => {
    expect(
      adjustmentMovement({ productId: 'salt', qtyDeltaBase: 0, reason: 'damage', note: '' }, meta),
    ).toEqual({
      ok: false,
      code: 'ZERO_QUANTITY',
    });
    expect(receiptMovements({ supplier: '', supplierInvoiceNo: '', lines: [] }, meta).ok).toBe(
      false,
    );
  });
});
