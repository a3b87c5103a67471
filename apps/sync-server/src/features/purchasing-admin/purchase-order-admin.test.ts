import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  type PurchaseOrderFact,
  purchaseOrderDetailSchema,
  purchaseOrderListSchema,
  stockCostSchema,
  supplierSchema,
} from '@kiryana/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { suiteFixture } from '../../testing/suite-fixture';
import { testDatabases } from '../../testing/test-databases';
import { type AdminActor, errorCodeOf, openAdminTestApp } from '../admin-api/admin-test-kit';
import { applyPurchaseOrderStep } from '../workflow/workflow.service';

/**
 * Purchase orders through the admin API on a real database, with the goods receipt applied
 * through the workflow service the terminals' pushes use: a draft from the low-stock list in whole
 * packs, approval only with purchases:approve, the supplier's PDF and CSV, what arrived and its
 * value, the moving-average cost, who sees which PO, and bad input answered 4xx with nothing
 * changed.
 */

type Detail = ReturnType<typeof purchaseOrderDetailSchema.parse>;

describe.each(testDatabases())('purchase orders admin API on $name', (database) => {
  const t = suiteFixture(() => openAdminTestApp(database));
  const po1 = randomUUID();
  let supplierId = '';

  const send = (actor: AdminActor, path: string, body: unknown, method = 'POST') =>
    t.json(actor, method, path, body);
  const detail = async (res: Response, status = 200): Promise<Detail> => {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    return purchaseOrderDetailSchema.parse(JSON.parse(text));
  };
  const codeOf = errorCodeOf;
  const fingerprint = async () =>
    (
      await t.db.query<{ f: string }>(
        `SELECT (SELECT count(*) FROM workflow_documents)::text || '/' ||
                (SELECT coalesce(md5(string_agg(doc::text, '' ORDER BY store_id, id)), '') FROM workflow_documents) || '/' ||
                (SELECT count(*) FROM stock_movements)::text || '/' ||
                (SELECT count(*) FROM audit_log)::text AS f`,
      )
    ).rows[0]?.f;

  beforeAll(async () => {
    const created = await send('regional', '/v1/admin/suppliers', {
      name: 'Shree Traders',
      gstin: '27AAPFU0939F1ZV',
      stateCode: '27',
      paymentTermsDays: 30,
      leadTimeDays: 3,
      regionId: 'r1',
      storeIds: ['s1a', 's1b'],
      products: [
        {
          productId: 'p1',
          orderUnitName: 'case',
          baseUnitsPerOrderUnit: 24,
          lastCostMinorPerOrderUnit: 24_000,
        },
        {
          productId: 'p2',
          orderUnitName: 'piece',
          baseUnitsPerOrderUnit: 1,
          lastCostMinorPerOrderUnit: null,
        },
        {
          productId: 'p3',
          orderUnitName: 'box',
          baseUnitsPerOrderUnit: 10,
          lastCostMinorPerOrderUnit: 5_000,
        },
      ],
    });
    expect(created.status).toBe(201);
    supplierId = supplierSchema.parse(await created.json()).supplierId;
    // p1 oversold to −5 (reorder 20), p2 never stocked (reorder 10), p3 not low (no reorder level).
    await t.db.query(
      "UPDATE products SET reorder_level_base = CASE id WHEN 'p1' THEN 20 WHEN 'p2' THEN 10 ELSE 0 END",
    );
    await t.sell('s1a', 5);
  });

  it('drafts from the low-stock list in whole packs, once per retry', async () => {
    const body = { factId: randomUUID(), poId: po1, storeId: 's1a', supplierId };
    const draft = await detail(
      await send('storeManager', '/v1/admin/purchase-orders/from-low-stock', body),
      201,
    );
    expect(draft.status).toBe('draft');
    expect(draft.supplierName).toBe('Shree Traders');
    // p1: 2 × 20 − (−5) = 45 needed → 2 cases of 24; p2: 20 − 0 = 20 pieces, no cost known yet.
    expect(
      draft.purchaseOrder.lines.map((l) => [
        l.productId,
        l.orderUnitName,
        l.orderedQtyOrderUnits,
        l.orderedQtyBase,
        l.costMinorPerOrderUnit,
      ]),
    ).toEqual([
      ['p1', 'case', 2, 48, 24_000],
      ['p2', 'piece', 20, 20, 0],
    ]);
    const before = await fingerprint();
    const again = await detail(
      await send('storeManager', '/v1/admin/purchase-orders/from-low-stock', body),
      201,
    );
    expect(again.purchaseOrder).toEqual(draft.purchaseOrder);
    expect(await fingerprint()).toBe(before);
    // Drafting again (new ids) orders nothing more: both lines are on the open draft already.
    const twice = await send('storeManager', '/v1/admin/purchase-orders/from-low-stock', {
      ...body,
      factId: randomUUID(),
      poId: randomUUID(),
    });
    expect(twice.status).toBe(409);
    expect(await fingerprint()).toBe(before);
    // The supplier does not sell to s2a (another region).
    const elsewhere = await send('hq', '/v1/admin/purchase-orders/from-low-stock', {
      ...body,
      factId: randomUUID(),
      poId: randomUUID(),
      storeId: 's2a',
    });
    expect(elsewhere.status).toBe(400);
    const neighbour = await send('regional', '/v1/admin/purchase-orders/from-low-stock', {
      ...body,
      factId: randomUUID(),
      poId: randomUUID(),
      storeId: 's1b',
    });
    // s1b: p1 and p2 at 0, both at or below their reorder level — a draft too.
    expect(neighbour.status).toBe(201);
  });

  it('revises, approves only with purchases:approve, sends', async () => {
    const revised = await detail(
      await send('storeManager', `/v1/admin/purchase-orders/${po1}/revise`, {
        factId: randomUUID(),
        lines: [
          {
            productId: 'p1',
            orderUnitName: 'case',
            baseUnitsPerOrderUnit: 24,
            orderedQtyOrderUnits: 2,
            costMinorPerOrderUnit: 25_000,
          },
          {
            productId: 'p2',
            orderUnitName: 'piece',
            baseUnitsPerOrderUnit: 1,
            orderedQtyOrderUnits: 20,
            costMinorPerOrderUnit: 1_250,
          },
        ],
      }),
    );
    expect(revised.purchaseOrder.lines.map((l) => l.costMinorPerOrderUnit)).toEqual([
      25_000, 1_250,
    ]);
    for (const actor of ['cashier', 'storeManager', 'auditor'] as const) {
      const res = await send(actor, `/v1/admin/purchase-orders/${po1}/approve`, {
        factId: randomUUID(),
      });
      expect(res.status, actor).toBe(403);
    }
    expect(
      (
        await detail(
          await send('regional', `/v1/admin/purchase-orders/${po1}/approve`, {
            factId: randomUUID(),
          }),
        )
      ).status,
    ).toBe('approved');
    const late = await send('storeManager', `/v1/admin/purchase-orders/${po1}/revise`, {
      factId: randomUUID(),
      lines: [
        {
          productId: 'p1',
          orderUnitName: 'case',
          baseUnitsPerOrderUnit: 24,
          orderedQtyOrderUnits: 9,
          costMinorPerOrderUnit: 1,
        },
      ],
    });
    expect(late.status).toBe(409);
    expect(
      (
        await detail(
          await send('storeManager', `/v1/admin/purchase-orders/${po1}/send`, {
            factId: randomUUID(),
          }),
        )
      ).status,
    ).toBe('sent');
  });

  it('exports the order for the supplier as CSV and PDF', async () => {
    const csv = await t.as('storeManager', `/v1/admin/purchase-orders/${po1}/export.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await csv.text()).toBe(
      'po_number,sku,product,order_unit,base_units_per_order_unit,quantity,cost_per_order_unit,amount\r\n' +
        `${po1},SKU-p1,Product p1,case,24,2,250.00,500.00\r\n` +
        `${po1},SKU-p2,Product p2,piece,1,20,12.50,250.00\r\n`,
    );
    const pdf = await t.as('storeManager', `/v1/admin/purchase-orders/${po1}/export.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    if (existsSync('/usr/bin/pdftotext')) {
      const dir = await mkdtemp(join(tmpdir(), 'po-pdf-'));
      try {
        await writeFile(join(dir, 'po.pdf'), bytes);
        await promisify(execFile)('pdftotext', [
          '-layout',
          join(dir, 'po.pdf'),
          join(dir, 'po.txt'),
        ]);
        const text = (await readFile(join(dir, 'po.txt'), 'utf8')).replace(/\u00a0/g, ' ');
        for (const expected of [
          `PO number: ${po1}`,
          'Store s1a',
          'GSTIN: 27AAPFU0939F1ZV',
          'Shree Traders',
          'Payment terms: 30 days',
          'SKU-p2',
          'Product p1',
          'INR 250.00',
          'INR 500.00',
          'Total: INR 750.00',
        ])
          expect(text, expected).toContain(expected);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    // Whoever reads the store's purchases may fetch the exports.
    expect((await t.as('cashier', `/v1/admin/purchase-orders/${po1}/export.csv`)).status).toBe(200);
  });

  it('shows what arrived, its value and the moving-average cost; close short ends it', async () => {
    const receive = (
      lines: { productId: string; receivedQtyBase: number; unitCostMinor: number }[],
      allow = false,
    ) =>
      t.db.transaction((tx) =>
        applyPurchaseOrderStep(
          tx,
          {
            type: 'receive',
            factId: randomUUID(),
            poId: po1,
            storeId: 's1a',
            actorId: 'clerk-s1a',
            at: new Date().toISOString(),
            supplierInvoiceNo: 'INV-1',
            supplierInvoiceDate: '2026-12-01',
            lines: lines.map((l) => ({ ...l, batchNo: null, expiryDate: null })),
          } satisfies PurchaseOrderFact,
          { kind: 'device', userId: 'clerk-s1a', storeId: 's1a' },
          { overDelivery: allow },
        ),
      );
    // More than ordered without the permission: refused, nothing changed.
    const before = await fingerprint();
    const over = await receive([{ productId: 'p2', receivedQtyBase: 21, unitCostMinor: 1_250 }]);
    expect(over).toMatchObject({ ok: false, code: 'OVER_DELIVERY_NOT_ALLOWED' });
    expect(await fingerprint()).toBe(before);
    expect(
      (await receive([{ productId: 'p1', receivedQtyBase: 24, unitCostMinor: 1_050 }])).ok,
    ).toBe(true);
    // The supplier's last cost follows the receipt: ₹10.50 a piece × 24 = ₹252.00 a case.
    const supplier = supplierSchema.parse(
      await (await t.as('regional', `/v1/admin/suppliers/${supplierId}`)).json(),
    );
    expect(supplier.products.map((p) => [p.productId, p.lastCostMinorPerOrderUnit])).toEqual([
      ['p1', 25_200],
      ['p2', null],
      ['p3', 5_000],
    ]);

    const shown = await detail(await t.as('storeManager', `/v1/admin/purchase-orders/${po1}`));
    expect(shown.status).toBe('partly_received');
    expect(shown.variance.find((v) => v.productId === 'p1')).toEqual({
      productId: 'p1',
      orderedQtyBase: 48,
      receivedQtyBase: 24,
      overQtyBase: 0,
      underQtyBase: 24,
      received: { orderUnits: 1, looseBase: 0 },
    });
    const list = purchaseOrderListSchema.parse(
      await (await t.as('storeManager', '/v1/admin/purchase-orders?storeId=s1a')).json(),
    );
    expect(list.purchaseOrders.find((p) => p.poId === po1)).toMatchObject({
      status: 'partly_received',
      orderValueMinor: 75_000,
      receivedValueMinor: 24 * 1_050,
      storeCode: expect.any(String) as string,
      supplierName: 'Shree Traders',
    });

    // −5 on hand (oversold) then 24 at ₹10.50: the average is the receipt's cost.
    const cost = stockCostSchema.parse(
      await (await t.as('storeManager', '/v1/admin/stock/cost?storeId=s1a&productId=p1')).json(),
    );
    expect(cost).toEqual({
      storeId: 's1a',
      productId: 'p1',
      onHandQtyBase: 19,
      avgCostMinor: 1_050,
      valueMinor: 19 * 1_050,
    });
    expect(
      (await t.as('storeManager', '/v1/admin/stock/cost?storeId=s1b&productId=p1')).status,
    ).toBe(403);
    expect((await t.as('hq', '/v1/admin/stock/cost?storeId=s1a&productId=nope')).status).toBe(404);
    expect((await t.as('hq', '/v1/admin/stock/cost?storeId=s9&productId=p1')).status).toBe(404);

    const cancel = await send('storeManager', `/v1/admin/purchase-orders/${po1}/cancel`, {
      factId: randomUUID(),
      reason: 'x',
    });
    expect(cancel.status).toBe(409);
    const closed = await detail(
      await send('storeManager', `/v1/admin/purchase-orders/${po1}/close-short`, {
        factId: randomUUID(),
        reason: 'rest out of stock',
      }),
    );
    expect(closed.status).toBe('closed_short');
    const ended = await fingerprint();
    const again = await send('storeManager', `/v1/admin/purchase-orders/${po1}/close-short`, {
      factId: randomUUID(),
      reason: 'again',
    });
    expect(again.status).toBe(409);
    expect(await codeOf(again)).toBe('DOCUMENT_CLOSED');
    expect(await fingerprint()).toBe(ended);
  });

  it('shows each reader only the POs of its stores', async () => {
    const other = randomUUID();
    await detail(
      await send('regional', '/v1/admin/purchase-orders', {
        factId: randomUUID(),
        poId: other,
        storeId: 's1b',
        supplierId,
        lines: [
          {
            productId: 'p3',
            orderUnitName: 'box',
            baseUnitsPerOrderUnit: 10,
            orderedQtyOrderUnits: 1,
            costMinorPerOrderUnit: 5_000,
          },
        ],
      }),
      201,
    );
    const ids = async (actor: AdminActor) =>
      purchaseOrderListSchema
        .parse(await (await t.as(actor, '/v1/admin/purchase-orders')).json())
        .purchaseOrders.map((p) => p.storeId);
    expect(new Set(await ids('storeManager'))).toEqual(new Set(['s1a']));
    expect(new Set(await ids('cashier'))).toEqual(new Set(['s1a']));
    expect(new Set(await ids('regional'))).toEqual(new Set(['s1a', 's1b']));
    expect((await t.as('storeManager', `/v1/admin/purchase-orders/${other}`)).status).toBe(404);
    expect(
      (await t.as('storeManager', `/v1/admin/purchase-orders/${other}/export.pdf`)).status,
    ).toBe(404);
    expect(
      (
        await send('storeManager', `/v1/admin/purchase-orders/${other}/cancel`, {
          factId: randomUUID(),
          reason: 'x',
        })
      ).status,
    ).toBe(404);
    expect(
      (await t.as('regional', `/v1/admin/purchase-orders?supplierId=${supplierId}&status=draft`))
        .status,
    ).toBe(200);
  });

  it('refuses bad input with the envelope and changes nothing', async () => {
    const before = await fingerprint();
    const line = {
      productId: 'p1',
      orderUnitName: 'case',
      baseUnitsPerOrderUnit: 24,
      orderedQtyOrderUnits: 1,
      costMinorPerOrderUnit: 100,
    };
    const po = (over: Record<string, unknown>) => ({
      factId: randomUUID(),
      poId: randomUUID(),
      storeId: 's1a',
      supplierId,
      lines: [line],
      ...over,
    });
    const bad: [string, AdminActor, unknown, number][] = [
      ['unknown product', 'hq', po({ lines: [{ ...line, productId: 'nope' }] }), 400],
      ['negative quantity', 'hq', po({ lines: [{ ...line, orderedQtyOrderUnits: -1 }] }), 400],
      ['negative cost', 'hq', po({ lines: [{ ...line, costMinorPerOrderUnit: -1 }] }), 400],
      ['unknown supplier', 'hq', po({ supplierId: 'sup-nope' }), 400],
      ['supplier not selling there', 'hq', po({ storeId: 's2a' }), 400],
      ['unknown store', 'hq', po({ storeId: 's9' }), 400],
      [
        'value beyond exact paise',
        'hq',
        po({ lines: [{ ...line, orderedQtyOrderUnits: 2 ** 40, costMinorPerOrderUnit: 2 ** 40 }] }),
        400,
      ],
      ['store out of reach', 'storeManager', po({ storeId: 's1b' }), 403],
      ['cashier', 'cashier', po({}), 403],
      ['not a uuid', 'hq', po({ poId: 'po-1' }), 400],
    ];
    for (const [label, actor, body, status] of bad) {
      const res = await send(actor, '/v1/admin/purchase-orders', body);
      expect(res.status, label).toBe(status);
      expect(typeof (await codeOf(res)), label).toBe('string');
    }
    expect(
      (
        await send('hq', `/v1/admin/purchase-orders/${randomUUID()}/approve`, {
          factId: randomUUID(),
        })
      ).status,
    ).toBe(404);
    expect((await t.as('hq', '/v1/admin/purchase-orders/nope/export.csv')).status).toBe(400);
    expect((await t.as('hq', '/v1/admin/purchase-orders?cursor=%00')).status).toBe(400);
    expect(await fingerprint()).toBe(before);
  });
});
