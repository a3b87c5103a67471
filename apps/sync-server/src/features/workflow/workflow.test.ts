import {
  EVENT_DATA_SCHEMAS,
  type PurchaseOrderFact,
  QUARANTINED_HEADER,
  type TransferFact,
  type WorkflowDocument,
  isEventType,
  stepDocument,
} from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import { asPushRows, makeMovement, newFactId } from '../../testing/sync-fixtures';
import { suiteFixture } from '../../testing/suite-fixture';
import { type SyncHarness, openSyncHarness } from '../../testing/sync-harness';
import type { TestDevice } from '../../testing/sync-test-app';
import { testDatabases } from '../../testing/test-databases';
import { eventually } from '../../testing/eventually';
import { stockLevelDrift } from '../stock/stock.service';
import {
  type StepActor,
  applyPurchaseOrderStep,
  applyTransferStep,
  findPurchaseOrder,
  findTransfer,
} from './workflow.service';

/**
 * Transfers and purchase orders on the server, through the real push of two stores' terminals and
 * the services the admin routes call, on a migrated database. Stock is checked against the sum of
 * movements at every step, and every refusal against "nothing changed".
 */

const at = () => new Date().toISOString();
const manager: StepActor = { kind: 'user', userId: 'u-rm', storeId: null };

async function num(h: SyncHarness, sql: string, params: unknown[] = []): Promise<number> {
  const result = await h.db.query<{ n: string | null }>(sql, params);
  return Number(result.rows[0]?.n ?? 0);
}

const level = (h: SyncHarness, storeId: string, productId: string) =>
  num(h, 'SELECT qty_base::text AS n FROM stock_levels WHERE store_id = $1 AND product_id = $2', [
    storeId,
    productId,
  ]);

/** Σ of a document's stock movements in one store (refId is the transfer or PO id). */
const movedBy = (h: SyncHarness, docId: string, storeId: string) =>
  num(
    h,
    `SELECT coalesce(sum(qty_delta_base), 0)::text AS n FROM stock_movements
      WHERE store_id = $1 AND doc->>'refId' = $2`,
    [storeId, docId],
  );

const writtenOff = (h: SyncHarness, transferId: string) =>
  num(
    h,
    'SELECT coalesce(sum(qty_base), 0)::text AS n FROM transfer_write_offs WHERE transfer_id = $1',
    [transferId],
  );

async function topics(h: SyncHarness, storeId: string, docId: string): Promise<string[]> {
  const result = await h.db.query<{ topic: string; payload: unknown }>(
    `SELECT topic, payload FROM outbox WHERE store_id = $1
        AND (payload->>'transferId' = $2 OR payload->>'poId' = $2) ORDER BY seq`,
    [storeId, docId],
  );
  // Every payload is what the shared schema of its type says (the relay publishes it as is).
  for (const row of result.rows) {
    expect(isEventType(row.topic)).toBe(true);
    if (isEventType(row.topic)) EVENT_DATA_SCHEMAS[row.topic].data.parse(row.payload);
  }
  return result.rows.map((r) => r.topic);
}

async function quarantined(h: SyncHarness, documentId: string): Promise<string | undefined> {
  const result = await h.db.query<{ code: string }>(
    `SELECT code FROM quarantine WHERE collection = 'documents' AND document_id = $1`,
    [documentId],
  );
  return result.rows[0]?.code;
}

async function pushStep(
  h: SyncHarness,
  device: TestDevice,
  step: TransferFact | PurchaseOrderFact,
  storeId: string = device.principal.storeId,
): Promise<{ status: number; quarantined: string | null; conflicts: unknown }> {
  const answer = await h.api(device).push('documents', asPushRows([stepDocument(storeId, step)]));
  return {
    status: answer.status,
    quarantined: answer.headers.get(QUARANTINED_HEADER),
    conflicts: answer.body,
  };
}

async function documentsOf(h: SyncHarness, device: TestDevice): Promise<WorkflowDocument[]> {
  return (await h.api(device).pullAll<WorkflowDocument>('documents', 50)).documents;
}

async function stock(h: SyncHarness, device: TestDevice, productId: string, qty: number) {
  const pushed = await h
    .api(device)
    .push('stock-movements', asPushRows([makeMovement(device.principal.storeId, productId, qty)]));
  expect(pushed.status).toBe(200);
}

function request(transferId: string, lines: { productId: string; qtyBase: number }[]) {
  return {
    factId: newFactId(),
    transferId,
    actorId: 'u-b-mgr',
    at: at(),
    type: 'request',
    fromStoreId: 'store-a',
    toStoreId: 'store-b',
    lines,
  } satisfies TransferFact;
}

function step<T extends TransferFact['type']>(
  transferId: string,
  type: T,
  rest: Omit<
    Extract<TransferFact, { type: T }>,
    'factId' | 'transferId' | 'actorId' | 'at' | 'type'
  >,
): Extract<TransferFact, { type: T }> {
  const fact = { factId: newFactId(), transferId, actorId: 'u-mgr', at: at(), type, ...rest };
  return fact as unknown as Extract<TransferFact, { type: T }>;
}

async function approve(h: SyncHarness, transferId: string) {
  const result = await h.db.transaction((tx) =>
    applyTransferStep(tx, step(transferId, 'approve', { lines: null }), manager),
  );
  expect(result.ok).toBe(true);
}

async function noDrift(h: SyncHarness) {
  expect(await stockLevelDrift(h.db, 'store-a')).toEqual([]);
  expect(await stockLevelDrift(h.db, 'store-b')).toEqual([]);
}

describe.each(testDatabases())('transfers and purchase orders on $name', (database) => {
  const h = suiteFixture(() => openSyncHarness(database, { productCount: 10 }));

  it('walks a transfer from request to closed through two stores’ pushes and a manager', async () => {
    const { a, b } = h.devices;
    await stock(h, a, 'p001', 100);
    await stock(h, a, 'p002', 50);
    const T = newFactId();

    // The destination asks; both stores see the transfer, labelled with their codes.
    expect(
      await pushStep(
        h,
        b,
        request(T, [
          { productId: 'p001', qtyBase: 24 },
          { productId: 'p002', qtyBase: 10 },
        ]),
      ),
    ).toMatchObject({ status: 200, quarantined: '0' });
    const codes = await h.db.query<{ id: string; code: string }>(
      "SELECT id, code FROM stores WHERE id IN ('store-a', 'store-b') ORDER BY id",
    );
    const label = codes.rows.map((r) => r.code).join(' → ');
    for (const device of [a, b]) {
      const transfer = (await documentsOf(h, device)).find((d) => d.kind === 'transfer');
      expect(transfer).toMatchObject({ id: T, docId: T, status: 'requested', label });
      expect(transfer?.storeId).toBe(device.principal.storeId);
    }
    expect((await documentsOf(h, b)).filter((d) => d.kind === 'transfer-step')).toHaveLength(1);

    // The regional manager approves at the admin web, cutting p002 to 8.
    const approved = await h.db.transaction((tx) =>
      applyTransferStep(
        tx,
        step(T, 'approve', { lines: [{ productId: 'p002', qtyBase: 8 }] }),
        manager,
      ),
    );
    expect(approved).toMatchObject({ ok: true, state: { status: 'approved' } });

    // The source dispatches part: its shelf goes down, the rest is in transit.
    const d1 = step(T, 'dispatch', {
      storeId: 'store-a',
      lines: [
        { productId: 'p001', qtyBase: 24 },
        { productId: 'p002', qtyBase: 5 },
      ],
    });
    expect(await pushStep(h, a, d1)).toMatchObject({ status: 200, quarantined: '0' });
    expect([await level(h, 'store-a', 'p001'), await level(h, 'store-a', 'p002')]).toEqual([
      76, 45,
    ]);
    expect(await movedBy(h, T, 'store-a')).toBe(-29);
    await noDrift(h);

    // The destination counts: 20 in, 2 short, 2 damaged of p001; all 5 of p002.
    const r1 = step(T, 'receive', {
      storeId: 'store-b',
      note: 'two packets torn',
      lines: [
        { productId: 'p001', receivedQtyBase: 20, shortQtyBase: 2, damagedQtyBase: 2 },
        { productId: 'p002', receivedQtyBase: 5, shortQtyBase: 0, damagedQtyBase: 0 },
      ],
    });
    expect(await pushStep(h, b, r1)).toMatchObject({ status: 200, quarantined: '0' });
    expect([await level(h, 'store-b', 'p001'), await level(h, 'store-b', 'p002')]).toEqual([20, 5]);
    expect((await findTransfer(h.db, T))?.status).toBe('dispatching');

    const d2 = step(T, 'dispatch', {
      storeId: 'store-a',
      lines: [{ productId: 'p002', qtyBase: 3 }],
    });
    expect(await pushStep(h, a, d2)).toMatchObject({ status: 200, quarantined: '0' });
    expect((await findTransfer(h.db, T))?.status).toBe('in_transit');
    const r2 = step(T, 'receive', {
      storeId: 'store-b',
      note: null,
      lines: [{ productId: 'p002', receivedQtyBase: 3, shortQtyBase: 0, damagedQtyBase: 0 }],
    });
    expect(await pushStep(h, b, r2)).toMatchObject({ status: 200, quarantined: '0' });
    expect((await findTransfer(h.db, T))?.status).toBe('discrepancy');
    // In transit = −Σ movements: 4 of p001 wait for the manager.
    expect((await movedBy(h, T, 'store-a')) + (await movedBy(h, T, 'store-b'))).toBe(-4);
    await noDrift(h);

    // The manager resolves: 1 found (onto b's shelf), 3 written off.
    const resolved = await h.db.transaction((tx) =>
      applyTransferStep(
        tx,
        step(T, 'resolve', {
          reason: 'lost_in_transit',
          note: null,
          lines: [{ productId: 'p001', foundQtyBase: 1, writeOffQtyBase: 3 }],
        }),
        manager,
      ),
    );
    expect(resolved).toMatchObject({ ok: true, state: { status: 'closed' } });
    expect(await level(h, 'store-b', 'p001')).toBe(21);
    expect(await writtenOff(h, T)).toBe(3);
    // Closed: Σ movements of both stores + written off = 0.
    expect(
      (await movedBy(h, T, 'store-a')) +
        (await movedBy(h, T, 'store-b')) +
        (await writtenOff(h, T)),
    ).toBe(0);
    await noDrift(h);
    for (const device of [a, b]) {
      const transfer = (await documentsOf(h, device)).find((d) => d.id === T);
      expect(transfer?.status).toBe('closed');
    }
    expect(await topics(h, 'store-a', T)).toEqual([
      'transfer.requested',
      'transfer.approved',
      'transfer.dispatched',
      'transfer.dispatched',
    ]);
    expect(await topics(h, 'store-b', T)).toEqual([
      'transfer.received',
      'transfer.received',
      'transfer.resolved',
      'transfer.closed',
    ]);

    // A third store's terminal pulls none of it.
    expect(await documentsOf(h, h.devices.c)).toEqual([]);
  });

  it('applies a replayed push once, and wakes the other store’s terminals', async () => {
    const { a, b } = h.devices;
    await stock(h, a, 'p003', 30);
    const T = newFactId();
    await pushStep(h, b, request(T, [{ productId: 'p003', qtyBase: 10 }]));
    await approve(h, T);
    const pokes: string[] = [];
    const unsubscribe = h.deps.live.subscribe(
      'store-b',
      (poke) => pokes.push(poke.collection),
      () => undefined,
    );
    try {
      const dispatch = step(T, 'dispatch', {
        storeId: 'store-a',
        lines: [{ productId: 'p003', qtyBase: 10 }],
      });
      for (let i = 0; i < 3; i += 1) {
        expect(await pushStep(h, a, dispatch)).toEqual({
          status: 200,
          quarantined: '0',
          conflicts: [],
        });
      }
      expect(await level(h, 'store-a', 'p003')).toBe(20);
      expect(await movedBy(h, T, 'store-a')).toBe(-10);
      expect(await topics(h, 'store-a', T)).toHaveLength(3);
      // Store b's terminals hear that their copy of the transfer changed.
      await eventually(() => {
        expect(pokes).toContain('documents');
      });
    } finally {
      unsubscribe();
    }
  });

  it('lets two terminals of the source dispatch at once without exceeding the approval', async () => {
    const { a, b } = h.devices;
    const a2 = await h.device('store-a', 'Counter A2');
    await stock(h, a, 'p004', 40);
    const T = newFactId();
    await pushStep(h, b, request(T, [{ productId: 'p004', qtyBase: 12 }]));
    await approve(h, T);
    const most = (storeId: string) =>
      step(T, 'dispatch', { storeId, lines: [{ productId: 'p004', qtyBase: 8 }] });
    const [one, two] = [most('store-a'), most('store-a')];
    const answers = await Promise.all([pushStep(h, a, one), pushStep(h, a2, two)]);
    expect(answers.map((x) => x.status)).toEqual([200, 200]);
    expect(answers.map((x) => x.quarantined).sort()).toEqual(['0', '1']);
    const codes = [await quarantined(h, one.factId), await quarantined(h, two.factId)];
    expect(codes.filter((c) => c !== undefined)).toEqual(['QTY_EXCEEDS_OPEN']);
    // 8 of 12 went first; the other 8 would exceed the 4 still open.
    expect(await level(h, 'store-a', 'p004')).toBe(32);
    expect(await movedBy(h, T, 'store-a')).toBe(-8);

    // Halves from both terminals at once both go through.
    const U = newFactId();
    await pushStep(h, b, request(U, [{ productId: 'p004', qtyBase: 10 }]));
    await approve(h, U);
    const half = () =>
      step(U, 'dispatch', { storeId: 'store-a', lines: [{ productId: 'p004', qtyBase: 5 }] });
    const halves = await Promise.all([pushStep(h, a, half()), pushStep(h, a2, half())]);
    expect(halves.map((x) => x.quarantined)).toEqual(['0', '0']);
    expect(await level(h, 'store-a', 'p004')).toBe(22);
    expect((await findTransfer(h.db, U))?.status).toBe('in_transit');
    await noDrift(h);
  });

  it('lets both stores act on one transfer at the same moment without deadlocking', async () => {
    // The source dispatches the next unit while the destination receives the previous one: each
    // push writes both stores' scopes, taken in the same order whoever pushes.
    const { a, b } = h.devices;
    await stock(h, a, 'p010', 10);
    const T = newFactId();
    await pushStep(h, b, request(T, [{ productId: 'p010', qtyBase: 6 }]));
    await approve(h, T);
    const dispatchOne = () =>
      step(T, 'dispatch', { storeId: 'store-a', lines: [{ productId: 'p010', qtyBase: 1 }] });
    const receiveOne = () =>
      step(T, 'receive', {
        storeId: 'store-b',
        note: null,
        lines: [{ productId: 'p010', receivedQtyBase: 1, shortQtyBase: 0, damagedQtyBase: 0 }],
      });
    expect(await pushStep(h, a, dispatchOne())).toMatchObject({ quarantined: '0' });
    for (let round = 0; round < 5; round += 1) {
      const answers = await Promise.all([
        pushStep(h, a, dispatchOne()),
        pushStep(h, b, receiveOne()),
      ]);
      expect(answers).toEqual([
        { status: 200, quarantined: '0', conflicts: [] },
        { status: 200, quarantined: '0', conflicts: [] },
      ]);
    }
    expect(await pushStep(h, b, receiveOne())).toMatchObject({ quarantined: '0' });
    expect((await findTransfer(h.db, T))?.status).toBe('closed');
    expect([await level(h, 'store-a', 'p010'), await level(h, 'store-b', 'p010')]).toEqual([4, 6]);
    expect((await movedBy(h, T, 'store-a')) + (await movedBy(h, T, 'store-b'))).toBe(0);
    await noDrift(h);
  });

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
    const po = (type: string, rest: object = {}) =>
      ({
        factId: newFactId(),
        poId: P,
        actorId: 'u-rm',
        at: at(),
        type,
        ...rest,
      }) as PurchaseOrderFact;
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
      const po = (type: string, rest: object = {}) =>
        ({
          factId: newFactId(),
          poId: P,
          actorId: 'u-rm',
          at: at(),
          type,
          ...rest,
        }) as PurchaseOrderFact;
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
    const po = (type: string, rest: object = {}) =>
      ({
        factId: newFactId(),
        poId: P,
        actorId: 'u-rm',
        at: at(),
        type,
        ...rest,
      }) as PurchaseOrderFact;
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
