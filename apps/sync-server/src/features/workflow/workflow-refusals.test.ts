import { describe, expect, it } from 'vitest';
import { newFactId } from '../../testing/sync-fixtures';
import {
  applyPurchaseOrderStep,
  applyTransferStep,
  findPurchaseOrder,
  findTransfer,
} from './workflow.service';
import {
  poFact,
  manager,
  level,
  movedBy,
  quarantined,
  pushStep,
  documentsOf,
  stock,
  request,
  step,
  approve,
} from './workflow-test-kit';
import { suiteFixture } from '../../testing/suite-fixture';
import { openSyncHarness } from '../../testing/sync-harness';
import { testDatabases } from '../../testing/test-databases';

/**
 * What the workflow refuses: steps of another store, steps a terminal may not take, bad input;
 * every refusal carries the shared code and changes nothing.
 */

describe.each(testDatabases())('workflow refusals on $name', (database) => {
  const h = suiteFixture(() => openSyncHarness(database, { productCount: 10 }));
  it('keeps each store to its own steps and refuses what a terminal may not do', async () => {
    const { a, b, c } = h.devices;
    await stock(h, a, 'p006', 20);
    const T = newFactId();
    await pushStep(h, b, request(T, [{ productId: 'p006', qtyBase: 5 }]));
    const before = await findTransfer(h.db, T);

    // A terminal cannot approve: only a manager at the admin web does.
    const approveByDevice = step(T, 'approve', { lines: null });
    expect(await pushStep(h, a, approveByDevice)).toMatchObject({ quarantined: '1' });
    expect(await quarantined(h, approveByDevice.factId)).toBe('FORBIDDEN');

    // A third store cannot act on it, neither in its own name nor in another store's.
    const foreign = step(T, 'dispatch', {
      storeId: 'store-a',
      lines: [{ productId: 'p006', qtyBase: 5 }],
    });
    expect(await pushStep(h, c, foreign)).toMatchObject({ quarantined: '1' });
    expect(await quarantined(h, foreign.factId)).toBe('SCOPE_VIOLATION');
    const disguised = step(T, 'dispatch', {
      storeId: 'store-a',
      lines: [{ productId: 'p006', qtyBase: 5 }],
    });
    expect(await pushStep(h, c, disguised, 'store-a')).toMatchObject({ quarantined: '1' });
    expect(await documentsOf(h, c)).toEqual([]);

    // The destination cannot dispatch what it is to receive.
    await approve(h, T);
    const wrongSide = step(T, 'dispatch', {
      storeId: 'store-b',
      lines: [{ productId: 'p006', qtyBase: 5 }],
    });
    expect(await pushStep(h, b, wrongSide)).toMatchObject({ quarantined: '1' });
    expect(await quarantined(h, wrongSide.factId)).toBe('WRONG_STORE');

    const after = await findTransfer(h.db, T);
    expect(after?.appliedFactIds).toHaveLength((before?.appliedFactIds.length ?? 0) + 1);
    expect(await level(h, 'store-a', 'p006')).toBe(20);
    expect(await movedBy(h, T, 'store-a')).toBe(0);
  });

  it('refuses bad input with the shared code and changes nothing', async () => {
    const { a, b } = h.devices;
    // An unknown product: no transfer is made.
    const unknown = request(newFactId(), [{ productId: 'p-nope', qtyBase: 1 }]);
    expect(await pushStep(h, b, unknown)).toMatchObject({ quarantined: '1' });
    expect(await quarantined(h, unknown.factId)).toBe('VALIDATION_FAILED');
    expect(await findTransfer(h.db, unknown.transferId)).toBeNull();

    // A negative quantity does not even parse.
    const negative = request(newFactId(), [{ productId: 'p007', qtyBase: -3 }]);
    expect(await pushStep(h, b, negative)).toMatchObject({ quarantined: '1' });
    expect(await quarantined(h, negative.factId)).toBe('VALIDATION_FAILED');
    expect(await findTransfer(h.db, negative.transferId)).toBeNull();

    // Receiving more than ordered needs the over-delivery permission of the person receiving.
    const P = newFactId();
    const po = (type: string, rest: object = {}) => poFact(P, type, rest);
    for (const fact of [
      po('create', {
        storeId: 'store-a',
        supplierId: 'sup-x',
        lines: [
          {
            productId: 'p008',
            orderUnitName: 'piece',
            baseUnitsPerOrderUnit: 1,
            orderedQtyOrderUnits: 5,
            costMinorPerOrderUnit: 100,
          },
        ],
      }),
      po('approve'),
      po('send'),
    ]) {
      await h.db.transaction((tx) =>
        applyPurchaseOrderStep(tx, fact, manager, { overDelivery: false }),
      );
    }
    const over = (actorId: string) =>
      po('receive', {
        actorId,
        storeId: 'store-a',
        supplierInvoiceNo: 'INV-9',
        supplierInvoiceDate: '2026-12-07',
        lines: [
          {
            productId: 'p008',
            receivedQtyBase: 7,
            unitCostMinor: 100,
            batchNo: null,
            expiryDate: null,
          },
        ],
      });
    const byCashier = over('u-cashier-a');
    expect(await pushStep(h, a, byCashier)).toMatchObject({ quarantined: '1' });
    expect(await quarantined(h, byCashier.factId)).toBe('OVER_DELIVERY_NOT_ALLOWED');
    expect(await level(h, 'store-a', 'p008')).toBe(0);
    expect((await findPurchaseOrder(h.db, P))?.status).toBe('sent');

    await h.db.query(
      `INSERT INTO users (id, username, display_name) VALUES ('u-mgr-a', 'mgr-a', 'Manager A')`,
    );
    await h.db.query(
      `INSERT INTO role_assignments (id, user_id, role, scope_kind, store_id, created_by)
       VALUES ('ra-mgr-a', 'u-mgr-a', 'store_manager', 'store', 'store-a', 'test')`,
    );
    const byManager = over('u-mgr-a');
    expect(await pushStep(h, a, byManager)).toMatchObject({ quarantined: '0' });
    expect(await level(h, 'store-a', 'p008')).toBe(7);
    expect((await findPurchaseOrder(h.db, P))?.status).toBe('received');

    // A closed transfer accepts nothing more.
    const T = newFactId();
    await pushStep(h, b, request(T, [{ productId: 'p007', qtyBase: 1 }]));
    const cancelled = await h.db.transaction((tx) =>
      applyTransferStep(tx, step(T, 'cancel', { reason: 'not needed' }), manager),
    );
    expect(cancelled.ok).toBe(true);
    const refused = await h.db.transaction((tx) =>
      applyTransferStep(tx, step(T, 'approve', { lines: null }), manager),
    );
    expect(refused).toMatchObject({ ok: false, code: 'DOCUMENT_CLOSED' });
    expect((await findTransfer(h.db, T))?.status).toBe('cancelled');
  });
});
