import {
  applyPurchaseOrderFact,
  applyTransferFact,
  stepDocument,
  WORKFLOW_DOCUMENT_SCHEMA_VERSION,
  type PurchaseOrderFact,
  type PurchaseOrderState,
  type TransferFact,
  type TransferState,
} from '@kiryana/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confirmSynced, recordStep } from '../../src/renderer/db/facts';
import { counterStock } from '../../src/renderer/db/stock-queries';
import { localWorkflow } from '../../src/renderer/db/workflow-queries';
import { foldFacts } from '../../src/renderer/testing/fold-facts';
import { openTestDatabase, type TestDatabase } from './open-test-database';

const T = '0190f5a0-0000-7000-8000-000000000001';
const PO = '0190f5a0-0000-7000-8000-000000000002';
const id = (n: number) => `0190f5a0-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`;
const at = (n: number) => `2026-04-01T05:${String(n).padStart(2, '0')}:00.000Z`;

const transferFacts: TransferFact[] = [
  {
    type: 'request',
    factId: id(1),
    transferId: T,
    actorId: 'u-b',
    at: at(1),
    fromStoreId: 'store-1',
    toStoreId: 'store-2',
    lines: [{ productId: 'salt', qtyBase: 8 }],
  },
  { type: 'approve', factId: id(2), transferId: T, actorId: 'u-m', at: at(2), lines: null },
];
const dispatch: TransferFact = {
  type: 'dispatch',
  factId: id(3),
  transferId: T,
  actorId: 'u-a',
  at: at(3),
  storeId: 'store-1',
  lines: [{ productId: 'salt', qtyBase: 6 }],
};
const poFacts: PurchaseOrderFact[] = [
  {
    type: 'create',
    factId: id(10),
    poId: PO,
    actorId: 'u-hq',
    at: at(10),
    storeId: 'store-1',
    supplierId: 'sup-1',
    lines: [
      {
        productId: 'soap',
        orderUnitName: 'case',
        baseUnitsPerOrderUnit: 24,
        orderedQtyOrderUnits: 2,
        costMinorPerOrderUnit: 48000,
      },
    ],
  },
  { type: 'approve', factId: id(11), poId: PO, actorId: 'u-hq', at: at(11) },
  { type: 'send', factId: id(12), poId: PO, actorId: 'u-hq', at: at(12) },
];
const poReceive: PurchaseOrderFact = {
  type: 'receive',
  factId: id(13),
  poId: PO,
  actorId: 'u-a',
  at: at(13),
  storeId: 'store-1',
  supplierInvoiceNo: 'INV-7',
  supplierInvoiceDate: '2026-04-01',
  lines: [
    {
      productId: 'soap',
      receivedQtyBase: 30,
      unitCostMinor: 2000,
      batchNo: null,
      expiryDate: null,
    },
  ],
};

const transferAfter = (facts: TransferFact[]) =>
  foldFacts<TransferState, TransferFact>((s, f) => applyTransferFact(s, f), facts);
const poAfter = (facts: PurchaseOrderFact[]) =>
  foldFacts<PurchaseOrderState, PurchaseOrderFact>((s, f) => applyPurchaseOrderFact(s, f), facts);

/** Writes (or overwrites) the server's document row, as a pull would. */
async function pullDocument(
  t: TestDatabase,
  kind: 'transfer' | 'purchase-order',
  state: TransferState | PurchaseOrderState,
) {
  const docId = 'transferId' in state ? state.transferId : state.poId;
  await t.db.documents.upsert({
    id: docId,
    schemaVersion: WORKFLOW_DOCUMENT_SCHEMA_VERSION,
    kind,
    storeId: 'store-1',
    docId,
    status: state.status,
    label: kind === 'transfer' ? 'S1 → S2' : 'Agarwal Traders',
    body: state,
    updatedAt: at(40),
  });
}

async function onHand(t: TestDatabase, productId: string) {
  const rows = await counterStock(t.db, 'store-1');
  return rows.find((row) => row.productId === productId);
}

describe('transfer and PO steps on the counter, on a real SQLite database', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await openTestDatabase();
    await t.db['stock-levels'].bulkInsert(
      ['salt', 'soap'].map((productId) => ({
        id: `store-1|${productId}`,
        schemaVersion: 1 as const,
        storeId: 'store-1',
        productId,
        qtyBase: 10,
        updatedAt: at(0),
      })),
    );
  });
  afterEach(async () => {
    await t.close();
  });

  it('takes a pending dispatch off the shelf at once and never twice once the server has it', async () => {
    await pullDocument(t, 'transfer', transferAfter(transferFacts));
    await recordStep(t.db, stepDocument('store-1', dispatch));
    expect(await onHand(t, 'salt')).toMatchObject({
      serverQtyBase: 10,
      unsyncedDeltaBase: -6,
      qtyBase: 4,
    });
    const { transfers } = await localWorkflow(t.db);
    expect(transfers[0]?.state.status).toBe('dispatching');

    // The server applied it and the document came back before the outbox entry went.
    await pullDocument(t, 'transfer', transferAfter([...transferFacts, dispatch]));
    expect(await onHand(t, 'salt')).toMatchObject({ unsyncedDeltaBase: 0, qtyBase: 10 });

    // The step is confirmed and the server's level follows.
    await confirmSynced(t.db, [dispatch.factId]);
    await t.db['stock-levels'].upsert({
      id: 'store-1|salt',
      schemaVersion: 1,
      storeId: 'store-1',
      productId: 'salt',
      qtyBase: 4,
      updatedAt: at(41),
    });
    expect(await onHand(t, 'salt')).toMatchObject({ unsyncedDeltaBase: 0, qtyBase: 4 });
  });

  it('puts a pending PO receipt on the shelf and shows the PO partly received', async () => {
    await pullDocument(t, 'purchase-order', poAfter(poFacts));
    await recordStep(t.db, stepDocument('store-1', poReceive));
    expect(await onHand(t, 'soap')).toMatchObject({ unsyncedDeltaBase: 30, qtyBase: 40 });
    const { purchaseOrders } = await localWorkflow(t.db);
    expect(purchaseOrders[0]?.state.status).toBe('partly_received');
    expect(purchaseOrders[0]?.label).toBe('Agarwal Traders');
    await confirmSynced(t.db, [poReceive.factId]);
    expect(await onHand(t, 'soap')).toMatchObject({ unsyncedDeltaBase: 0 });
  });

  it('records a step with its outbox entry and refuses to record a document row', async () => {
    await recordStep(t.db, stepDocument('store-1', dispatch));
    const entry = await t.db.outbox.findOne(dispatch.factId).exec();
    expect(entry?.factCollection).toBe('documents');
    expect(entry?.createdAt).toBe(dispatch.at);
    const state = transferAfter(transferFacts);
    await expect(
      recordStep(t.db, {
        ...stepDocument('store-1', dispatch),
        kind: 'transfer',
        id: T,
        docId: T,
        body: state,
      }),
    ).rejects.toThrow(/steps only/);
  });
});
