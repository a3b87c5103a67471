import { randomUUID } from 'node:crypto';
import type { PurchaseOrderFact, TransferFact } from '@kiryana/shared';
import { applyPurchaseOrderStep, applyTransferStep } from '@kiryana/sync-server/operator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagerStep } from './manager-desk';
import { type SimDatabase, createSimDatabase } from './sim-database';
import type { MadeStep } from './step-taker';
import { isWorkflowClean, judgeWorkflows } from './workflow-checks';
import type { WorkflowTally } from './workflow-mix';
import { systemTestPgUrl } from './system-test-env';

const adminUrl = systemTestPgUrl();

/**
 * The workflow verdict itself, without a fleet: one transfer and one PO walked through the
 * server's workflow service on a seeded database (terminal steps as the stores' devices, the
 * others as a manager) judge clean; then the tables are tampered with one way at a time (a movement
 * changed, a write-off lost, a step row lost, a movement no step implies) and each must show.
 */
describe.skipIf(!adminUrl)('the workflow verdict', () => {
  let database: SimDatabase;
  const terminalSteps: MadeStep[] = [];
  const managerSteps: ManagerStep[] = [];
  const tally = (): WorkflowTally => ({
    transfers: [],
    purchaseOrders: [],
    managerSteps,
    leftInTransit: [],
    failures: [],
  });
  const at = () => new Date().toISOString();

  async function transferStep(fact: TransferFact, storeId: string | null): Promise<void> {
    const actor =
      storeId === null
        ? ({ kind: 'user', userId: 'sim-manager', storeId: null } as const)
        : ({ kind: 'device', userId: fact.actorId, storeId } as const);
    const result = await database.db.transaction((tx) => applyTransferStep(tx, fact, actor));
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const step = {
      id: fact.factId,
      kind: 'transfer-step',
      docId: fact.transferId,
      type: fact.type,
    } as const;
    if (storeId === null) managerSteps.push(step);
    else terminalSteps.push({ ...step, storeId });
  }

  async function poStep(fact: PurchaseOrderFact, storeId: string | null): Promise<void> {
    const actor =
      storeId === null
        ? ({ kind: 'user', userId: 'sim-manager', storeId: null } as const)
        : ({ kind: 'device', userId: fact.actorId, storeId } as const);
    const result = await database.db.transaction((tx) =>
      applyPurchaseOrderStep(tx, fact, actor, { overDelivery: false }),
    );
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const step = { id: fact.factId, kind: 'po-step', docId: fact.poId, type: fact.type } as const;
    if (storeId === null) managerSteps.push(step);
    else terminalSteps.push({ ...step, storeId });
  }

  beforeAll(async () => {
    database = await createSimDatabase(adminUrl ?? '', { products: 20 });
    const [a, b] = database.stores;
    if (!a || !b) throw new Error('two stores expected');
    const { rows } = await database.db.query<{ id: string }>(
      'SELECT id FROM products ORDER BY id LIMIT 2',
    );
    const [p1, p2] = rows.map((r) => r.id);
    if (!p1 || !p2) throw new Error('two products expected');
    const transferId = randomUUID();
    const base = () => ({ factId: randomUUID(), transferId, actorId: 'sim-staff', at: at() });
    await transferStep(
      {
        ...base(),
        type: 'request',
        fromStoreId: a.id,
        toStoreId: b.id,
        lines: [
          { productId: p1, qtyBase: 10 },
          { productId: p2, qtyBase: 4 },
        ],
      },
      b.id,
    );
    await transferStep({ ...base(), type: 'approve', lines: null }, null);
    await transferStep(
      {
        ...base(),
        type: 'dispatch',
        storeId: a.id,
        lines: [
          { productId: p1, qtyBase: 10 },
          { productId: p2, qtyBase: 4 },
        ],
      },
      a.id,
    );
    await transferStep(
      {
        ...base(),
        type: 'receive',
        storeId: b.id,
        lines: [
          { productId: p1, receivedQtyBase: 8, shortQtyBase: 2, damagedQtyBase: 0 },
          { productId: p2, receivedQtyBase: 3, shortQtyBase: 0, damagedQtyBase: 1 },
        ],
        note: null,
      },
      b.id,
    );
    await transferStep(
      {
        ...base(),
        type: 'resolve',
        lines: [
          { productId: p1, foundQtyBase: 0, writeOffQtyBase: 2 },
          { productId: p2, foundQtyBase: 1, writeOffQtyBase: 0 },
        ],
        reason: 'lost_in_transit',
        note: null,
      },
      null,
    );
    const poId = randomUUID();
    const po = () => ({ factId: randomUUID(), poId, actorId: 'sim-manager', at: at() });
    await poStep(
      {
        ...po(),
        type: 'create',
        storeId: a.id,
        supplierId: 'sup-hindustan-fmcg',
        lines: [
          {
            productId: p1,
            orderUnitName: 'case',
            baseUnitsPerOrderUnit: 12,
            orderedQtyOrderUnits: 2,
            costMinorPerOrderUnit: 24_000,
          },
        ],
      },
      null,
    );
    await poStep({ ...po(), type: 'approve' }, null);
    await poStep({ ...po(), type: 'send' }, null);
    await poStep(
      {
        ...po(),
        type: 'receive',
        storeId: a.id,
        supplierInvoiceNo: 'T/1',
        supplierInvoiceDate: at().slice(0, 10),
        lines: [
          {
            productId: p1,
            receivedQtyBase: 20,
            unitCostMinor: 2_000,
            batchNo: null,
            expiryDate: null,
          },
        ],
      },
      a.id,
    );
    await poStep({ ...po(), type: 'close_short', reason: 'no more' }, null);
  }, 120_000);

  afterAll(async () => {
    await database.drop();
  });

  it('is clean for an untouched history, and names each kind of tampering', async () => {
    const clean = await judgeWorkflows(database.db, terminalSteps, tally());
    expect(clean).toMatchObject({
      transfers: 1,
      closedTransfers: 1,
      purchaseOrders: 1,
      closedShortPurchaseOrders: 1,
      writtenOffQtyBase: 2,
      madeSteps: terminalSteps.length + managerSteps.length,
    });
    expect(isWorkflowClean(clean)).toBe(true);

    const dispatch = terminalSteps.find((s) => s.type === 'dispatch');
    await database.db.query(
      `UPDATE stock_movements SET qty_delta_base = qty_delta_base - 1 WHERE id = $1`,
      [`${dispatch?.id ?? ''}:1`],
    );
    const changed = await judgeWorkflows(database.db, terminalSteps, tally());
    expect(changed.movementMismatches).toHaveLength(1);
    expect(changed.transferImbalances).toHaveLength(1);
    expect(isWorkflowClean(changed)).toBe(false);

    await database.db.query('DELETE FROM transfer_write_offs');
    const lost = await judgeWorkflows(database.db, terminalSteps, tally());
    expect(lost.movementMismatches).toHaveLength(2);

    const receipt = terminalSteps.find((s) => s.kind === 'po-step');
    await database.db.query(
      `INSERT INTO stock_movements (store_id, id, seq, product_id, kind, qty_delta_base, created_at, doc, doc_hash)
       SELECT store_id, $2, seq, product_id, kind, qty_delta_base, created_at, doc, doc_hash
         FROM stock_movements WHERE id = $1`,
      [`${receipt?.id ?? ''}:1`, `${receipt?.id ?? ''}:2`],
    );
    const extra = await judgeWorkflows(database.db, terminalSteps, tally());
    expect(extra.movementMismatches).toContain(
      `${receipt?.id ?? ''}:2: held, but no step implies it`,
    );
    expect(extra.poReceiptMismatches).toHaveLength(1);

    await database.db.query(`DELETE FROM workflow_documents WHERE id = $1`, [receipt?.id ?? '']);
    const missing = await judgeWorkflows(database.db, terminalSteps, tally());
    expect(missing.missingSteps).toBe(1);
    expect(missing.documentMismatches.length).toBeGreaterThan(0);
  });
});
