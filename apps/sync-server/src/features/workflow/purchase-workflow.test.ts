import { describe, expect, it } from 'vitest';
import { newFactId } from '../../testing/sync-fixtures';
import { applyPurchaseOrderStep, applyTransferStep, findPurchaseOrder } from './workflow.service';
import {
  poFact,
  manager,
  num,
  level,
  movedBy,
  topics,
  quarantined,
  pushStep,
  documentsOf,
  request,
  step,
  approve,
} from './workflow-test-kit';
import { suiteFixture } from '../../testing/suite-fixture';
import { openSyncHarness } from '../../testing/sync-harness';
import { testDatabases } from '../../testing/test-databases';

/**
 * Purchase orders and moving-average cost on the server, through real pushes and the admin routes’
 * services, checked against hand arithmetic.
 */

describe.each(testDatabases())('purchase orders and cost on $name', (database) => {
  const h = suiteFixture(() => openSyncHarness(database, { productCount: 10 }));
  it('keeps the moving-average cost of a PO received in two deliveries', async () => {
    const { b } = h.devices;
    const P = newFactId();
    const supplierId = 'sup-ganesh';
    const hasSuppliers = await num(h, "SELECT (to_regclass('suppliers') IS NOT NULL)::int AS n");
    if (hasSuppliers === 1) {
      await h.db.query(
        `INSERT INTO suppliers (id, name, state_code, payment_terms_days, lead_time_days)
         VALUES ($1, 'Ganesh Traders', '27', 30, 3)`,
        [supplierId],
      );
    }
    const po = (type: string, rest: object = {}) => poFact(P, type, rest);
    for (const fact of [
      po('create', {
        storeId: 'store-b',
        supplierId,
        lines: [
          {
            productId: 'p005',
            orderUnitName: 'case',
            baseUnitsPerOrderUnit: 24,
            orderedQtyOrderUnits: 2,
            costMinorPerOrderUnit: 25200,
          },
        ],
      }),
      po('approve'),
      po('send'),
    ]) {
      const result = await h.db.transaction((tx) =>
        applyPurchaseOrderStep(tx, fact, manager, { overDelivery: false }),
      );
      expect(result.ok).toBe(true);
    }
    const receipt = (qty: number, cost: number, invoice: string) =>
      po('receive', {
        actorId: 'u-b-mgr',
        storeId: 'store-b',
        supplierInvoiceNo: invoice,
        supplierInvoiceDate: '2026-12-07',
        lines: [
          {
            productId: 'p005',
            receivedQtyBase: qty,
            unitCostMinor: cost,
            batchNo: null,
            expiryDate: null,
          },
        ],
      });
    // 10 at ₹10.00 onto an empty shelf, then 24 at ₹10.50:
    // (10 × 1000 + 24 × 1050) / 34 = 35200 / 34 = 1035.29… → ₹10.35.
    expect(await pushStep(h, b, receipt(10, 1000, 'GT-101'))).toMatchObject({ quarantined: '0' });
    expect(await pushStep(h, b, receipt(24, 1050, 'GT-117'))).toMatchObject({ quarantined: '0' });
    const cost = await h.db.query<{ on_hand: string; avg: string }>(
      `SELECT on_hand_qty_base::text AS on_hand, avg_cost_minor::text AS avg FROM stock_costs
        WHERE store_id = 'store-b' AND product_id = 'p005'`,
    );
    expect(cost.rows).toEqual([{ on_hand: '34', avg: '1035' }]);
    expect(await level(h, 'store-b', 'p005')).toBe(34);
    expect(await movedBy(h, P, 'store-b')).toBe(34);
    const doc = (await documentsOf(h, b)).find((d) => d.id === P);
    expect(doc).toMatchObject({
      kind: 'purchase-order',
      status: 'partly_received',
      label: hasSuppliers === 1 ? 'Ganesh Traders' : supplierId,
    });

    const closed = await h.db.transaction((tx) =>
      applyPurchaseOrderStep(tx, po('close_short', { reason: 'rest out of stock' }), manager, {
        overDelivery: false,
      }),
    );
    expect(closed.ok).toBe(true);
    expect((await findPurchaseOrder(h.db, P))?.status).toBe('closed_short');
    expect(await topics(h, 'store-b', P)).toEqual([
      'po.created',
      'po.approved',
      'po.sent',
      'po.received',
      'goods.received',
      'po.received',
      'goods.received',
      'po.closed',
    ]);
    const goods = await h.db.query<{ payload: { totalValueMinor: number; lines: object[] } }>(
      `SELECT payload FROM outbox WHERE store_id = 'store-b' AND topic = 'goods.received'
          AND payload->>'poId' = $1 ORDER BY seq`,
      [P],
    );
    expect(goods.rows.map((r) => r.payload.totalValueMinor)).toEqual([10_000, 25_200]);
    expect(goods.rows[1]?.payload.lines).toEqual([
      expect.objectContaining({ qtyBase: 24, unitCostMinor: 1050, avgCostMinor: 1035 }),
    ]);

    // Acting on a closed PO is refused with the shared code and changes nothing.
    const late = receipt(1, 1000, 'GT-200');
    expect(await pushStep(h, b, late)).toMatchObject({ quarantined: '1' });
    expect(await quarantined(h, late.factId)).toBe('DOCUMENT_CLOSED');
    expect(await level(h, 'store-b', 'p005')).toBe(34);
  });

  it('moves cost with the goods: in at the source’s average, write-offs valued at it', async () => {
    const { a, b } = h.devices;
    const hasSuppliers = await num(h, "SELECT (to_regclass('suppliers') IS NOT NULL)::int AS n");
    if (hasSuppliers === 1) {
      await h.db.query(
        `INSERT INTO suppliers (id, name, state_code, payment_terms_days, lead_time_days)
         VALUES ('sup-cost', 'Cost & Co', '27', 15, 2)`,
      );
      await h.db.query(
        `INSERT INTO supplier_products (supplier_id, product_id, order_unit_name, base_units_per_order_unit)
         VALUES ('sup-cost', 'p009', 'case', 12)`,
      );
    }
    // Store a buys 20 at ₹5.00, store b 10 at ₹8.00.
    for (const [device, qty, cost] of [
      [a, 20, 500],
      [b, 10, 800],
    ] as const) {
      const storeId = device.principal.storeId;
      const P = newFactId();
      const po = (type: string, rest: object = {}) => poFact(P, type, rest);
      for (const fact of [
        po('create', {
          storeId,
          supplierId: 'sup-cost',
          lines: [
            {
              productId: 'p009',
              orderUnitName: 'piece',
              baseUnitsPerOrderUnit: 1,
              orderedQtyOrderUnits: qty,
              costMinorPerOrderUnit: cost,
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
      const receipt = po('receive', {
        storeId,
        supplierInvoiceNo: `INV-${storeId}`,
        supplierInvoiceDate: '2026-12-07',
        lines: [
          {
            productId: 'p009',
            receivedQtyBase: qty,
            unitCostMinor: cost,
            batchNo: 'B1',
            expiryDate: '2027-06-30',
          },
        ],
      });
      expect(await pushStep(h, device, receipt)).toMatchObject({ quarantined: '0' });
    }
    if (hasSuppliers === 1) {
      expect(
        await num(
          h,
          `SELECT last_cost_minor_per_order_unit::text AS n FROM supplier_products
            WHERE supplier_id = 'sup-cost' AND product_id = 'p009'`,
        ),
      ).toBe(800 * 12);
    }

    const T = newFactId();
    await pushStep(h, b, request(T, [{ productId: 'p009', qtyBase: 6 }]));
    await approve(h, T);
    await pushStep(
      h,
      a,
      step(T, 'dispatch', { storeId: 'store-a', lines: [{ productId: 'p009', qtyBase: 6 }] }),
    );
    await pushStep(
      h,
      b,
      step(T, 'receive', {
        storeId: 'store-b',
        note: null,
        lines: [{ productId: 'p009', receivedQtyBase: 4, shortQtyBase: 2, damagedQtyBase: 0 }],
      }),
    );
    const resolved = await h.db.transaction((tx) =>
      applyTransferStep(
        tx,
        step(T, 'resolve', {
          reason: 'theft',
          note: null,
          lines: [{ productId: 'p009', foundQtyBase: 0, writeOffQtyBase: 2 }],
        }),
        manager,
      ),
    );
    expect(resolved).toMatchObject({ ok: true, state: { status: 'closed' } });

    const costs = await h.db.query<{ store_id: string; avg: string }>(
      `SELECT store_id, avg_cost_minor::text AS avg FROM stock_costs
        WHERE product_id = 'p009' ORDER BY store_id`,
    );
    // a keeps ₹5.00; b: (10 × 800 + 4 × 500) / 14 = 10000 / 14 = 714.28… → ₹7.14.
    expect(costs.rows).toEqual([
      { store_id: 'store-a', avg: '500' },
      { store_id: 'store-b', avg: '714' },
    ]);
    const moved = await h.db.query<{ kind: string; cost: string }>(
      `SELECT kind, doc->>'unitCostMinor' AS cost FROM stock_movements
        WHERE doc->>'refId' = $1 ORDER BY kind`,
      [T],
    );
    expect(moved.rows).toEqual([
      { kind: 'transfer_in', cost: '500' },
      { kind: 'transfer_out', cost: '500' },
    ]);
    const loss = await h.db.query<{ qty: string; value: string; reason: string }>(
      `SELECT qty_base::text AS qty, value_minor::text AS value, reason FROM transfer_write_offs
        WHERE transfer_id = $1`,
      [T],
    );
    expect(loss.rows).toEqual([{ qty: '2', value: '1000', reason: 'theft' }]);
    const event = await h.db.query<{ payload: { lines: { writeOffValueMinor: number }[] } }>(
      `SELECT payload FROM outbox WHERE topic = 'transfer.resolved' AND payload->>'transferId' = $1`,
      [T],
    );
    expect(event.rows[0]?.payload.lines[0]?.writeOffValueMinor).toBe(1000);
  });
});
