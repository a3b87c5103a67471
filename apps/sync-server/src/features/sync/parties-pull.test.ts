import { type Party, type PurchaseOrderFact, partySchema } from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import { suiteFixture } from '../../testing/suite-fixture';
import { openSyncHarness } from '../../testing/sync-harness';
import { testDatabases } from '../../testing/test-databases';
import { newFactId } from '../../testing/sync-fixtures';
import { writeSupplier } from '../purchasing-admin/supplier.queries';
import { applyPurchaseOrderStep } from '../workflow/workflow.service';
import { at, manager, pushStep } from '../workflow/workflow-test-kit';

/**
 * The `parties` collection on a real database (migration 0610): a store's terminals pull the
 * suppliers linked to it and no other; an unlink, a retirement or an edit of the products reaches
 * a terminal that already pulled, from its checkpoint; a receipt's last cost reaches the store.
 */

const GSTIN_27 = '27AAPFU0939F1ZV';

const supplierInput = (storeIds: string[], over: Record<string, unknown> = {}) => ({
  name: 'Shree Traders',
  gstin: GSTIN_27,
  stateCode: '27',
  paymentTermsDays: 30,
  leadTimeDays: 3,
  regionId: 'r1',
  storeIds,
  products: [
    {
      productId: 'p001',
      orderUnitName: 'case',
      baseUnitsPerOrderUnit: 24,
      lastCostMinorPerOrderUnit: 24_000,
    },
  ],
  active: true,
  ...over,
});

describe.each(testDatabases())('parties pull on $name', (database) => {
  const h = suiteFixture(() => openSyncHarness(database, { productCount: 3 }));
  const save = (id: string, input: ReturnType<typeof supplierInput>) =>
    h.db.transaction((tx) => writeSupplier(tx, id, input as Parameters<typeof writeSupplier>[2]));

  it('gives a store the suppliers linked to it, and an unlink or retirement from its checkpoint', async () => {
    await save('sup-x', supplierInput(['store-a', 'store-b']));
    await save(
      'sup-y',
      supplierInput(['store-b'], { name: 'Yash Agencies', gstin: '', paymentTermsDays: 7 }),
    );
    const a = h.api(h.devices.a);
    const b = h.api(h.devices.b);
    const c = h.api(h.devices.c);

    // Limit 1: the store filter sits before the LIMIT, so no page comes back short.
    const first = await a.pullAll<Party>('parties', 1);
    expect(first.documents).toEqual([
      {
        id: 'sup-x',
        schemaVersion: 1,
        kind: 'supplier',
        name: 'Shree Traders',
        gstin: GSTIN_27,
        stateCode: '27',
        paymentTermsDays: 30,
        leadTimeDays: 3,
        products: [
          {
            productId: 'p001',
            orderUnitName: 'case',
            baseUnitsPerOrderUnit: 24,
            lastCostMinorPerOrderUnit: 24_000,
          },
        ],
        active: true,
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as string,
        _deleted: false,
      },
    ]);
    for (const doc of first.documents) partySchema.parse(doc);
    const ofB = await b.pullAll<Party>('parties', 1);
    expect(ofB.documents.map((p) => [p.id, p.gstin, p._deleted])).toEqual([
      ['sup-x', GSTIN_27, false],
      ['sup-y', null, false],
    ]);
    // Isolation: a store of another region sees neither.
    expect((await c.pullAll<Party>('parties', 5)).documents).toEqual([]);

    // X is unlinked from store-a: store-a's terminal receives it as deleted, store-b's unchanged.
    const bAt = ofB.checkpoint;
    await save('sup-x', supplierInput(['store-b']));
    const unlinked = await a.pullAll<Party>('parties', 5, first.checkpoint);
    expect(unlinked.documents.map((p) => [p.id, p._deleted, p.products.length])).toEqual([
      ['sup-x', true, 0],
    ]);
    // Nothing more after that checkpoint.
    expect((await a.pullAll<Party>('parties', 5, unlinked.checkpoint)).documents).toEqual([]);

    // Y retired and X's pack changed: store-b's terminal receives each once, as they are now.
    await save(
      'sup-y',
      supplierInput(['store-b'], { name: 'Yash Agencies', gstin: '', active: false }),
    );
    await save(
      'sup-x',
      supplierInput(['store-b'], {
        products: [
          {
            productId: 'p002',
            orderUnitName: 'box',
            baseUnitsPerOrderUnit: 6,
            lastCostMinorPerOrderUnit: null,
          },
        ],
      }),
    );
    const changed = await b.pullAll<Party>('parties', 1, bAt);
    // In the order of the edits (seq order), each once.
    expect(
      changed.documents.map((p) => [
        p.id,
        p.active,
        p._deleted,
        p.products.map((x) => x.productId),
      ]),
    ).toEqual([
      ['sup-y', false, false, ['p001']],
      ['sup-x', true, false, ['p002']],
    ]);

    // Linked again: store-a's terminal gets it back from its checkpoint.
    await save('sup-x', supplierInput(['store-a', 'store-b']));
    const back = await a.pullAll<Party>('parties', 5, unlinked.checkpoint);
    expect(back.documents.map((p) => [p.id, p._deleted, p.products[0]?.productId])).toEqual([
      ['sup-x', false, 'p001'],
    ]);
    expect((await c.pullAll<Party>('parties', 5)).documents).toEqual([]);
  });

  it("gives the receiving store the supplier's new last cost after a PO receipt, in its push", async () => {
    await save('sup-cost', supplierInput(['store-a', 'store-b'], { name: 'Cost Traders' }));
    const a = h.api(h.devices.a);
    const b = h.api(h.devices.b);
    const aAt = (await a.pullAll<Party>('parties', 50)).checkpoint;
    const bAt = (await b.pullAll<Party>('parties', 50)).checkpoint;
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
        storeId: 'store-b',
        supplierId: 'sup-cost',
        lines: [
          {
            productId: 'p001',
            orderUnitName: 'case',
            baseUnitsPerOrderUnit: 24,
            orderedQtyOrderUnits: 1,
            costMinorPerOrderUnit: 24_000,
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
    const receipt = po('receive', {
      actorId: 'u-b-mgr',
      storeId: 'store-b',
      supplierInvoiceNo: 'CT-1',
      supplierInvoiceDate: '2026-12-07',
      lines: [
        {
          productId: 'p001',
          receivedQtyBase: 24,
          unitCostMinor: 1050,
          batchNo: null,
          expiryDate: null,
        },
      ],
    });
    expect(await pushStep(h, h.devices.b, receipt)).toMatchObject({ quarantined: '0' });

    // ₹10.50 a piece × 24 = ₹252.00 a case, on store-b's terminal from its checkpoint.
    const ofB = await b.pullAll<Party>('parties', 50, bAt);
    expect(ofB.documents.map((p) => [p.id, p.products[0]?.lastCostMinorPerOrderUnit])).toEqual([
      ['sup-cost', 25_200],
    ]);
    // Store-a's counter is not locked inside store-b's push: it sees the cost with the next edit.
    expect((await a.pullAll<Party>('parties', 50, aAt)).documents).toEqual([]);
  });

  it('refuses a push to parties (pull-only reference data)', async () => {
    const res = await h.api(h.devices.a).push('parties', []);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
