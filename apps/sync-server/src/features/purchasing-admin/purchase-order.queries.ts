import type { PurchaseOrderFact, PurchaseOrderState, ScopeFilter } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { scopeParams, storeInScope } from '../../db/scope-sql';
import type { WorkflowCursor } from '../../http/workflow-cursor';

/** A PO document as the list reads it. */
type PurchaseOrderListRow = {
  po: PurchaseOrderState;
  updatedAt: string;
  storeCode: string;
  supplierName: string;
};

/** A page of the POs of the stores in reach, newest activity first. */
export async function listPurchaseOrders(
  q: Queryable,
  filter: ScopeFilter,
  input: {
    storeId: string | null;
    supplierId: string | null;
    status: string | null;
    after: WorkflowCursor | null;
    limit: number;
  },
): Promise<PurchaseOrderListRow[]> {
  const { rows } = await q.query<{
    body: PurchaseOrderState;
    updated_at: string;
    store_code: string;
    supplier_name: string | null;
  }>(
    `SELECT wd.doc->'body' AS body, wd.doc->>'updatedAt' AS updated_at, s.code AS store_code,
            sp.name AS supplier_name
       FROM workflow_documents wd
       JOIN stores s ON s.id = wd.store_id
       LEFT JOIN suppliers sp ON sp.id = wd.doc->'body'->>'supplierId'
      WHERE wd.kind = 'purchase-order' AND ${storeInScope('s', 1)}
        AND ($4::text IS NULL OR wd.store_id = $4)
        AND ($5::text IS NULL OR wd.doc->'body'->>'supplierId' = $5)
        AND ($6::text IS NULL OR wd.status = $6)
        AND ($7::text IS NULL OR (wd.doc->>'updatedAt', wd.id) < ($7, $8::text))
      ORDER BY wd.doc->>'updatedAt' DESC, wd.id DESC
      LIMIT $9`,
    [
      ...scopeParams(filter),
      input.storeId,
      input.supplierId,
      input.status,
      input.after?.[0] ?? null,
      input.after?.[1] ?? null,
      input.limit,
    ],
  );
  return rows.map((r) => ({
    po: r.body,
    updatedAt: r.updated_at,
    storeCode: r.store_code,
    supplierName: r.supplier_name ?? r.body.supplierId,
  }));
}

/** The goods-receipt steps stored for these POs (applied or not: the caller keeps the applied). */
export async function receiptSteps(
  q: Queryable,
  poIds: readonly string[],
): Promise<Extract<PurchaseOrderFact, { type: 'receive' }>[]> {
  if (poIds.length === 0) return [];
  const { rows } = await q.query<{ body: Extract<PurchaseOrderFact, { type: 'receive' }> }>(
    `SELECT DISTINCT ON (id) doc->'body' AS body FROM workflow_documents
      WHERE doc_id = ANY($1) AND kind = 'po-step' AND status = 'receive'
      ORDER BY id`,
    [poIds],
  );
  return rows.map((r) => r.body);
}

/** A supplier as a PO needs it: name, whether it trades and whether it sells to `storeId`. */
export async function supplierForStore(
  q: Queryable,
  supplierId: string,
  storeId: string,
): Promise<{ name: string; gstin: string | null; active: boolean; sellsToStore: boolean } | null> {
  const { rows } = await q.query<{
    name: string;
    gstin: string | null;
    active: boolean;
    sells: boolean;
  }>(
    `SELECT sp.name, sp.gstin, sp.active,
            EXISTS (SELECT 1 FROM supplier_stores ss WHERE ss.supplier_id = sp.id AND ss.store_id = $2) AS sells
       FROM suppliers sp WHERE sp.id = $1`,
    [supplierId, storeId],
  );
  const row = rows[0];
  return row
    ? { name: row.name, gstin: row.gstin, active: row.active, sellsToStore: row.sells }
    : null;
}

/** A store as a PO shows it. */
export async function storeForPo(
  q: Queryable,
  storeId: string,
): Promise<{
  code: string;
  regionId: string;
  nameEn: string;
  address: string;
  gstin: string;
} | null> {
  const { rows } = await q.query<{
    code: string;
    region_id: string;
    name_en: string;
    address: string;
    gstin: string;
  }>('SELECT code, region_id, name_en, address, gstin FROM stores WHERE id = $1 AND NOT deleted', [
    storeId,
  ]);
  const r = rows[0];
  return r
    ? { code: r.code, regionId: r.region_id, nameEn: r.name_en, address: r.address, gstin: r.gstin }
    : null;
}

/** A low-stock product of the store that the supplier sells, with its pack and last cost. */
export type LowStockSupplierLine = {
  productId: string;
  qtyBase: number;
  reorderLevelBase: number;
  /** Ordered and not yet received on the store's open POs (draft to partly received). */
  onOrderQtyBase: number;
  orderUnitName: string;
  baseUnitsPerOrderUnit: number;
  lastCostMinorPerOrderUnit: number | null;
};

/** The store's products at or below their reorder level that this supplier sells, by product. */
export async function lowStockOfSupplier(
  q: Queryable,
  storeId: string,
  supplierId: string,
): Promise<LowStockSupplierLine[]> {
  const { rows } = await q.query<{
    product_id: string;
    qty: number;
    reorder: number;
    on_order: string;
    order_unit_name: string;
    pack: number;
    last_cost: number | null;
  }>(
    `SELECT p.id AS product_id, coalesce(sl.qty_base, 0)::int8 AS qty, p.reorder_level_base AS reorder,
            spp.order_unit_name, spp.base_units_per_order_unit AS pack,
            spp.last_cost_minor_per_order_unit AS last_cost, oo.on_order::text AS on_order
       FROM supplier_products spp
       JOIN products p ON p.id = spp.product_id AND NOT p.deleted AND p.active
       LEFT JOIN stock_levels sl ON sl.store_id = $1 AND sl.product_id = p.id
       CROSS JOIN LATERAL (
         SELECT coalesce(sum(greatest((l->>'orderedQtyBase')::int8 - (l->>'receivedQtyBase')::int8, 0)), 0) AS on_order
           FROM workflow_documents d, jsonb_array_elements(d.doc->'body'->'lines') l
          WHERE d.store_id = $1 AND d.kind = 'purchase-order'
            AND d.status IN ('draft', 'approved', 'sent', 'partly_received')
            AND l->>'productId' = p.id
       ) oo
      WHERE spp.supplier_id = $2
        AND p.reorder_level_base > 0 AND coalesce(sl.qty_base, 0) <= p.reorder_level_base
      ORDER BY p.id`,
    [storeId, supplierId],
  );
  return rows.map((r) => ({
    productId: r.product_id,
    qtyBase: r.qty,
    reorderLevelBase: r.reorder,
    onOrderQtyBase: Number(r.on_order),
    orderUnitName: r.order_unit_name,
    baseUnitsPerOrderUnit: r.pack,
    lastCostMinorPerOrderUnit: r.last_cost,
  }));
}

/** Live stock level and moving-average cost of a product in a store. */
export async function stockCost(
  q: Queryable,
  storeId: string,
  productId: string,
): Promise<{ exists: boolean; onHandQtyBase: number; avgCostMinor: number | null }> {
  const { rows } = await q.query<{ qty: number; avg: number | null }>(
    `SELECT coalesce(sl.qty_base, 0)::int8 AS qty, sc.avg_cost_minor AS avg
       FROM products p
       LEFT JOIN stock_levels sl ON sl.store_id = $1 AND sl.product_id = p.id
       LEFT JOIN stock_costs sc ON sc.store_id = $1 AND sc.product_id = p.id
      WHERE p.id = $2`,
    [storeId, productId],
  );
  const r = rows[0];
  return r
    ? { exists: true, onHandQtyBase: r.qty, avgCostMinor: r.avg }
    : { exists: false, onHandQtyBase: 0, avgCostMinor: null };
}
