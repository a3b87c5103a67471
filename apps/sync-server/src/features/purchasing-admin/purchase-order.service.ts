import {
  type Actor,
  AppError,
  type Clock,
  type Permission,
  type PurchaseOrderDetail,
  type PurchaseOrderFact,
  type PurchaseOrderState,
  type PurchaseOrderSummary,
  type ScopeFilter,
  can,
  purchaseOrderVariance,
} from '@kiryana/shared';
import type { Db, Queryable } from '../../db/db';
import { appendAudit } from '../../db/audit-append';
import { auditActorOf } from '../../db/audit-actor';
import { forbidden } from '../../auth/assert-can';
import { applyPurchaseOrderStep, findPurchaseOrder } from '../workflow/workflow.service';
import { decodeWorkflowCursor, encodeWorkflowCursor } from '../../http/workflow-cursor';
import * as queries from './purchase-order.queries';
import { productNames } from '../../db/product-names.queries';
import { findSupplier } from './supplier.queries';
import type { PoExportContext } from './po-export';
import { lowStockLines } from './low-stock-draft';

/** What the purchase-order admin services need. */
export type PurchaseOrderAdminDeps = { readonly db: Db; readonly clock: Clock };

const PAGE = 50;

type Body<T extends PurchaseOrderFact['type']> = Omit<
  Extract<PurchaseOrderFact, { type: T }>,
  'type' | 'actorId' | 'at' | 'poId'
>;
/** A step without what the server fills in, per step type (distributes over a union). */
type StepOf<T extends PurchaseOrderFact['type']> = T extends PurchaseOrderFact['type']
  ? Omit<Extract<PurchaseOrderFact, { type: T }>, 'actorId' | 'at'>
  : never;

/** A page of the POs of the stores in reach, with what was ordered and what arrived, in value. */
export async function purchaseOrdersInReach(
  deps: PurchaseOrderAdminDeps,
  filter: ScopeFilter,
  input: {
    storeId: string | null;
    supplierId: string | null;
    status: string | null;
    cursor: string | undefined;
  },
): Promise<{ purchaseOrders: PurchaseOrderSummary[]; next: string | null }> {
  const rows = await queries.listPurchaseOrders(deps.db, filter, {
    ...input,
    after: decodeWorkflowCursor(input.cursor),
    limit: PAGE,
  });
  const receipts = await queries.receiptSteps(
    deps.db,
    rows.map((r) => r.po.poId),
  );
  const last = rows.at(-1);
  return {
    purchaseOrders: rows.map((r) => ({
      poId: r.po.poId,
      storeId: r.po.storeId,
      storeCode: r.storeCode,
      supplierId: r.po.supplierId,
      supplierName: r.supplierName,
      status: r.po.status,
      createdAt: r.po.created.at,
      updatedAt: r.updatedAt,
      lineCount: r.po.lines.length,
      orderValueMinor: r.po.lines.reduce(
        (sum, l) => sum + l.orderedQtyOrderUnits * l.costMinorPerOrderUnit,
        0,
      ),
      receivedValueMinor: receivedValue(r.po, receipts),
    })),
    next:
      rows.length === PAGE && last
        ? encodeWorkflowCursor({ updatedAt: last.updatedAt, id: last.po.poId })
        : null,
  };
}

/** Σ received base units × their receipt's cost, over the receipts the PO applied. */
function receivedValue(
  po: PurchaseOrderState,
  receipts: readonly Extract<PurchaseOrderFact, { type: 'receive' }>[],
): number {
  const applied = new Set(po.receipts.map((r) => r.factId));
  return receipts
    .filter((r) => r.poId === po.poId && applied.has(r.factId))
    .flatMap((r) => r.lines)
    .reduce((sum, l) => sum + l.receivedQtyBase * l.unitCostMinor, 0);
}

/** One PO of a store the reader reaches with `purchases:read`; NOT_FOUND otherwise. */
export async function purchaseOrderOf(
  deps: PurchaseOrderAdminDeps,
  actor: Actor,
  poId: string,
): Promise<PurchaseOrderDetail> {
  return detailOf(deps.db, await readable(deps.db, actor, poId));
}

/** The PO as stored, for the exports; NOT_FOUND outside the reader's reach. */
export function readablePurchaseOrder(
  deps: PurchaseOrderAdminDeps,
  actor: Actor,
  poId: string,
): Promise<PurchaseOrderState> {
  return readable(deps.db, actor, poId);
}

/**
 * Drafts a PO for one store from one supplier: `purchases:write` at the store; the supplier must
 * trade and sell to that store, the products exist. A retry with the same ids answers the PO.
 */
export async function createPurchaseOrder(
  deps: PurchaseOrderAdminDeps,
  actor: Actor,
  body: Body<'create'> & { poId: string },
): Promise<PurchaseOrderDetail> {
  return deps.db.transaction(async (tx) => {
    await assertStoreAndSupplier(tx, actor, body.storeId, body.supplierId);
    await assertLiveProducts(
      tx,
      body.lines.map((l) => l.productId),
    );
    assertOrderValue(body.lines);
    return detailOf(tx, await apply(deps, tx, actor, { ...body, type: 'create' }));
  });
}

/**
 * Drafts a PO from the store's low-stock list: the products this supplier sells that are at or
 * below their reorder level, each in enough whole packs to reach twice the reorder level, at the
 * supplier's last cost. 409 CONFLICT when there is nothing to order.
 */
export async function createPurchaseOrderFromLowStock(
  deps: PurchaseOrderAdminDeps,
  actor: Actor,
  body: { factId: string; poId: string; storeId: string; supplierId: string },
): Promise<PurchaseOrderDetail> {
  return deps.db.transaction(async (tx) => {
    await assertStoreAndSupplier(tx, actor, body.storeId, body.supplierId);
    // A retry after the draft was made answers it, whatever the stock did meanwhile.
    const existing = await findPurchaseOrder(tx, body.poId);
    if (existing?.appliedFactIds.includes(body.factId)) return detailOf(tx, existing);
    const lines = lowStockLines(
      await queries.lowStockOfSupplier(tx, body.storeId, body.supplierId),
    );
    if (lines.length === 0)
      throw new AppError(
        'CONFLICT',
        'No product of this supplier is at or below its reorder level in this store beyond what open orders already bring.',
      );
    assertOrderValue(lines);
    return detailOf(tx, await apply(deps, tx, actor, { ...body, type: 'create', lines }));
  });
}

/** Replaces the lines of a draft (`purchases:write`). */
export function revisePurchaseOrder(
  deps: PurchaseOrderAdminDeps,
  actor: Actor,
  poId: string,
  body: Body<'revise'>,
): Promise<PurchaseOrderDetail> {
  return step(deps, actor, 'purchases:write', { ...body, poId, type: 'revise' }, async (tx) => {
    await assertLiveProducts(
      tx,
      body.lines.map((l) => l.productId),
    );
    assertOrderValue(body.lines);
  });
}

/** Approves a draft: spending money needs `purchases:approve` at the store (a region or HQ). */
export function approvePurchaseOrder(
  deps: PurchaseOrderAdminDeps,
  actor: Actor,
  poId: string,
  body: Body<'approve'>,
): Promise<PurchaseOrderDetail> {
  return step(deps, actor, 'purchases:approve', { ...body, poId, type: 'approve' });
}

/** Records that the approved PO went to the supplier (`purchases:write`). */
export function sendPurchaseOrder(
  deps: PurchaseOrderAdminDeps,
  actor: Actor,
  poId: string,
  body: Body<'send'>,
): Promise<PurchaseOrderDetail> {
  return step(deps, actor, 'purchases:write', { ...body, poId, type: 'send' });
}

/** Ends a partly received PO: the rest will not come (`purchases:write`). */
export function closePurchaseOrderShort(
  deps: PurchaseOrderAdminDeps,
  actor: Actor,
  poId: string,
  body: Body<'close_short'>,
): Promise<PurchaseOrderDetail> {
  return step(deps, actor, 'purchases:write', { ...body, poId, type: 'close_short' });
}

/** Cancels a PO before anything arrived (`purchases:write`). */
export function cancelPurchaseOrder(
  deps: PurchaseOrderAdminDeps,
  actor: Actor,
  poId: string,
  body: Body<'cancel'>,
): Promise<PurchaseOrderDetail> {
  return step(deps, actor, 'purchases:write', { ...body, poId, type: 'cancel' });
}

async function step(
  deps: PurchaseOrderAdminDeps,
  actor: Actor,
  permission: Permission,
  fact: StepOf<'revise' | 'approve' | 'send' | 'close_short' | 'cancel'>,
  check?: (tx: Queryable) => Promise<void>,
): Promise<PurchaseOrderDetail> {
  return deps.db.transaction(async (tx) => {
    const current = await readable(tx, actor, fact.poId);
    const store = await queries.storeForPo(tx, current.storeId);
    if (!can(actor, permission, { storeId: current.storeId, regionId: store?.regionId ?? '' }))
      throw forbidden(permission);
    await check?.(tx);
    return detailOf(tx, await apply(deps, tx, actor, fact));
  });
}

async function apply(
  deps: PurchaseOrderAdminDeps,
  tx: Queryable,
  actor: Actor,
  fact: StepOf<PurchaseOrderFact['type']>,
): Promise<PurchaseOrderState> {
  const full: PurchaseOrderFact = {
    ...fact,
    actorId: actor.id,
    at: new Date(deps.clock.now()).toISOString(),
  };
  // Receipts are the terminals' steps; none of these steps receives, so no over-delivery.
  const result = await applyPurchaseOrderStep(
    tx,
    full,
    { kind: 'user', userId: actor.id, storeId: null },
    { overDelivery: false },
  );
  if (!result.ok) throw new AppError(result.code, result.message);
  if (!result.replay) {
    await appendAudit(tx, {
      kind: `po.${full.type}`,
      actor: auditActorOf(actor),
      storeId: result.state.storeId,
      subject: full.poId,
      data: {
        factId: full.factId,
        supplierId: result.state.supplierId,
        status: result.state.status,
      },
    });
  }
  return result.state;
}

async function readable(q: Queryable, actor: Actor, poId: string): Promise<PurchaseOrderState> {
  const po = await findPurchaseOrder(q, poId);
  if (!po) notFound();
  const store = await queries.storeForPo(q, po.storeId);
  if (!can(actor, 'purchases:read', { storeId: po.storeId, regionId: store?.regionId ?? '' }))
    notFound();
  return po;
}

async function assertStoreAndSupplier(
  q: Queryable,
  actor: Actor,
  storeId: string,
  supplierId: string,
): Promise<void> {
  const store = await queries.storeForPo(q, storeId);
  if (!can(actor, 'purchases:write', { storeId, regionId: store?.regionId ?? '' }))
    throw forbidden('purchases:write');
  if (!store) invalid('storeId', 'unknown store');
  const supplier = await queries.supplierForStore(q, supplierId, storeId);
  if (!supplier) invalid('supplierId', 'unknown supplier');
  if (!supplier.active) invalid('supplierId', 'the supplier no longer trades');
  if (!supplier.sellsToStore) invalid('supplierId', 'the supplier does not sell to this store');
}

async function assertLiveProducts(q: Queryable, ids: readonly string[]): Promise<void> {
  const known = new Set(
    (await productNames(q, ids)).filter((p) => !p.deleted).map((p) => p.productId),
  );
  ids.forEach((id, i) => {
    if (!known.has(id)) invalid(`lines.${i}.productId`, 'unknown product');
  });
}

/** The order's value must stay an exact integer of paise (lists, exports and totals add it up). */
function assertOrderValue(
  lines: readonly { orderedQtyOrderUnits: number; costMinorPerOrderUnit: number }[],
): void {
  const total = lines.reduce(
    (sum, l) => sum + BigInt(l.orderedQtyOrderUnits) * BigInt(l.costMinorPerOrderUnit),
    0n,
  );
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) invalid('lines', 'the order value is too large');
}

async function detailOf(q: Queryable, po: PurchaseOrderState): Promise<PurchaseOrderDetail> {
  const store = await queries.storeForPo(q, po.storeId);
  const supplier = await queries.supplierForStore(q, po.supplierId, po.storeId);
  const products = await productNames(
    q,
    po.lines.map((l) => l.productId),
  );
  return {
    purchaseOrder: po,
    status: po.status,
    storeCode: store?.code ?? po.storeId,
    supplierName: supplier?.name ?? po.supplierId,
    products: products.map(({ deleted: _deleted, ...p }) => p),
    variance: purchaseOrderVariance(po),
  };
}

function invalid(path: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', `The purchase order is not valid: ${message}.`, {
    fields: [{ path, message }],
  });
}

function notFound(): never {
  throw new AppError('NOT_FOUND', 'No such purchase order.');
}

/** What the exports show besides the PO: our store, the supplier, the products' SKUs and names. */
export async function exportContextOf(
  deps: PurchaseOrderAdminDeps,
  po: PurchaseOrderState,
): Promise<PoExportContext> {
  const store = await queries.storeForPo(deps.db, po.storeId);
  const supplier = await findSupplier(deps.db, po.supplierId);
  const products = await productNames(
    deps.db,
    po.lines.map((l) => l.productId),
  );
  return { store, supplier, products: new Map(products.map((p) => [p.productId, p])) };
}

/** Moving-average cost and value of a product in a store; NOT_FOUND for an unknown store or product. */
export async function stockCostOf(
  deps: PurchaseOrderAdminDeps,
  storeId: string,
  productId: string,
): Promise<{
  storeId: string;
  productId: string;
  onHandQtyBase: number;
  avgCostMinor: number | null;
  valueMinor: number;
}> {
  if (!(await queries.storeForPo(deps.db, storeId)))
    throw new AppError('NOT_FOUND', 'No such store.');
  const cost = await queries.stockCost(deps.db, storeId, productId);
  if (!cost.exists) throw new AppError('NOT_FOUND', 'No such product.');
  return {
    storeId,
    productId,
    onHandQtyBase: cost.onHandQtyBase,
    avgCostMinor: cost.avgCostMinor,
    // Nothing on hand (or oversold below zero) is worth nothing, not a negative value.
    valueMinor:
      cost.avgCostMinor === null ? 0 : Math.max(0, cost.onHandQtyBase) * cost.avgCostMinor,
  };
}
