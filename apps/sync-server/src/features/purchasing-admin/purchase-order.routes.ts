import {
  factIdSchema,
  poApproveBodySchema,
  poCancelBodySchema,
  poCloseShortBodySchema,
  poCreateBodySchema,
  poFromLowStockBodySchema,
  poReviseBodySchema,
  poSendBodySchema,
  purchaseOrderDetailSchema,
  purchaseOrderListSchema,
  purchaseOrderStatusSchema,
  stockCostSchema,
} from '@kiryana/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import { storeTarget } from '../../auth/access-target';
import type { ApiOperation } from '../../http/openapi';
import type { ActorEnv } from '../../http/require-actor';
import { permittedScope, requirePermission } from '../../http/require-permission';
import { readJson, readParams, readQuery } from '../../http/request-body';
import { purchaseOrderCsv, purchaseOrderPdf } from './po-export';
import {
  type PurchaseOrderAdminDeps,
  approvePurchaseOrder,
  cancelPurchaseOrder,
  closePurchaseOrderShort,
  createPurchaseOrder,
  createPurchaseOrderFromLowStock,
  exportContextOf,
  stockCostOf,
  purchaseOrderOf,
  purchaseOrdersInReach,
  readablePurchaseOrder,
  revisePurchaseOrder,
  sendPurchaseOrder,
} from './purchase-order.service';

const idSchema = z.string().min(1).max(64);
const purchaseOrderListQuerySchema = z.object({
  storeId: idSchema.optional(),
  supplierId: idSchema.optional(),
  status: purchaseOrderStatusSchema.optional(),
  cursor: z.string().max(400).optional(),
});
const purchaseOrderParamSchema = z.object({ poId: factIdSchema });
const stockCostQuerySchema = z.object({ storeId: idSchema, productId: idSchema });

/**
 * `/v1/admin/purchase-orders…` and `/v1/admin/stock/cost`: POs of the stores in reach, the steps
 * HQ and regions take on them (draft, from the low-stock list, revise, approve, send, close short,
 * cancel) through the workflow service, the exports for the supplier, and the moving-average cost.
 * Goods receipts are the terminals' steps and arrive by sync.
 */
export function createPurchaseOrderRoutes(deps: PurchaseOrderAdminDeps): Hono<ActorEnv> {
  const routes = new Hono<ActorEnv>();
  const canRead = requirePermission('purchases:read');
  const canWrite = requirePermission('purchases:write');
  routes.get('/purchase-orders', canRead, async (c) => {
    const query = readQuery(c, purchaseOrderListQuerySchema);
    return c.json(
      await purchaseOrdersInReach(deps, permittedScope(c, 'purchases:read'), {
        storeId: query.storeId ?? null,
        supplierId: query.supplierId ?? null,
        status: query.status ?? null,
        cursor: query.cursor,
      }),
    );
  });
  routes.post('/purchase-orders', canWrite, async (c) => {
    const body = await readJson(c, poCreateBodySchema);
    return c.json(await createPurchaseOrder(deps, c.var.actor, body), 201);
  });
  routes.post('/purchase-orders/from-low-stock', canWrite, async (c) => {
    const body = await readJson(c, poFromLowStockBodySchema);
    return c.json(await createPurchaseOrderFromLowStock(deps, c.var.actor, body), 201);
  });
  routes.get('/purchase-orders/:poId', canRead, async (c) =>
    c.json(await purchaseOrderOf(deps, c.var.actor, readParams(c, purchaseOrderParamSchema).poId)),
  );
  routes.get('/purchase-orders/:poId/export.csv', canRead, async (c) => {
    const po = await readablePurchaseOrder(
      deps,
      c.var.actor,
      readParams(c, purchaseOrderParamSchema).poId,
    );
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="po-${po.poId}.csv"`);
    return c.body(purchaseOrderCsv(po, await exportContextOf(deps, po)));
  });
  routes.get('/purchase-orders/:poId/export.pdf', canRead, async (c) => {
    const po = await readablePurchaseOrder(
      deps,
      c.var.actor,
      readParams(c, purchaseOrderParamSchema).poId,
    );
    const pdf = await purchaseOrderPdf(po, await exportContextOf(deps, po));
    c.header('Content-Type', 'application/pdf');
    c.header('Content-Disposition', `attachment; filename="po-${po.poId}.pdf"`);
    return c.body(pdf.slice().buffer);
  });
  const steps = [
    ['revise', canWrite, poReviseBodySchema, revisePurchaseOrder],
    ['approve', requirePermission('purchases:approve'), poApproveBodySchema, approvePurchaseOrder],
    ['send', canWrite, poSendBodySchema, sendPurchaseOrder],
    ['close-short', canWrite, poCloseShortBodySchema, closePurchaseOrderShort],
    ['cancel', canWrite, poCancelBodySchema, cancelPurchaseOrder],
  ] as const;
  for (const [name, gate, schema, run] of steps) {
    routes.post(`/purchase-orders/:poId/${name}`, gate, async (c) => {
      const id = readParams(c, purchaseOrderParamSchema).poId;
      const body = await readJson(c, schema as z.ZodType);
      return c.json(await (run as StepRun)(deps, c.var.actor, id, body));
    });
  }
  routes.get(
    '/stock/cost',
    requirePermission('stock:read', (c) => storeTarget(deps.db, c.req.query('storeId') ?? '')),
    async (c) => {
      const query = readQuery(c, stockCostQuerySchema);
      return c.json(await stockCostOf(deps, query.storeId, query.productId));
    },
  );
  return routes;
}

type StepRun = (
  deps: PurchaseOrderAdminDeps,
  actor: Parameters<typeof sendPurchaseOrder>[1],
  poId: string,
  body: unknown,
) => ReturnType<typeof sendPurchaseOrder>;

const STEP_ERRORS = [400, 403, 404, 409];
const stepOperation = (
  name: string,
  operationId: string,
  summary: string,
  body: z.ZodType,
  description: string,
): Omit<ApiOperation, 'tag' | 'auth'> => ({
  method: 'post',
  path: `/v1/admin/purchase-orders/:poId/${name}`,
  operationId,
  summary,
  description,
  params: purchaseOrderParamSchema,
  body,
  responses: { 200: { description: 'The purchase order.', schema: purchaseOrderDetailSchema } },
  errors: STEP_ERRORS,
});

/** OpenAPI description of the purchase-order endpoints (tagged Admin by the admin API). */
export const purchaseOrderOperations: readonly Omit<ApiOperation, 'tag' | 'auth'>[] = [
  {
    method: 'get',
    path: '/v1/admin/purchase-orders',
    operationId: 'listPurchaseOrders',
    summary: 'POs of the stores in reach, newest activity first; `next` pages on.',
    description:
      'Needs purchases:read. `storeId`, `supplierId` and `status` narrow the list. Values are in paise: ordered (Σ order units × cost) and received (Σ received base units × receipt cost).',
    query: purchaseOrderListQuerySchema,
    responses: { 200: { description: 'A page of POs.', schema: purchaseOrderListSchema } },
    errors: [400, 403],
  },
  {
    method: 'post',
    path: '/v1/admin/purchase-orders',
    operationId: 'createPurchaseOrder',
    summary: 'Draft a PO for a store from a supplier, lines in order units.',
    description:
      'Needs purchases:write at the store. The supplier must trade and sell to the store; products must exist. `poId` and `factId` are client-made UUIDs: a retry answers the same PO.',
    body: poCreateBodySchema,
    responses: { 201: { description: 'The draft.', schema: purchaseOrderDetailSchema } },
    errors: STEP_ERRORS,
  },
  {
    method: 'post',
    path: '/v1/admin/purchase-orders/from-low-stock',
    operationId: 'createPurchaseOrderFromLowStock',
    summary: 'Draft a PO with the store’s low-stock products this supplier sells.',
    description:
      'Each product at or below its reorder level gets enough whole packs to reach twice the reorder level, at the supplier’s last cost. 409 CONFLICT when none is low.',
    body: poFromLowStockBodySchema,
    responses: { 201: { description: 'The draft.', schema: purchaseOrderDetailSchema } },
    errors: STEP_ERRORS,
  },
  {
    method: 'get',
    path: '/v1/admin/purchase-orders/:poId',
    operationId: 'getPurchaseOrder',
    summary: 'A PO with what arrived against each line (over, under, in packs and loose).',
    params: purchaseOrderParamSchema,
    responses: { 200: { description: 'The PO.', schema: purchaseOrderDetailSchema } },
    errors: [400, 403, 404],
  },
  {
    method: 'get',
    path: '/v1/admin/purchase-orders/:poId/export.pdf',
    operationId: 'exportPurchaseOrderPdf',
    summary: 'The PO for the supplier as a PDF: our store, the supplier, lines and total.',
    params: purchaseOrderParamSchema,
    responses: { 200: { description: 'PDF.', contentType: 'application/pdf' } },
    errors: [400, 403, 404],
  },
  {
    method: 'get',
    path: '/v1/admin/purchase-orders/:poId/export.csv',
    operationId: 'exportPurchaseOrderCsv',
    summary: 'The PO’s lines as CSV (rupees with two decimals).',
    description:
      'Columns: po_number, sku, product, order_unit, base_units_per_order_unit, quantity, cost_per_order_unit, amount.',
    params: purchaseOrderParamSchema,
    responses: { 200: { description: 'CSV.', contentType: 'text/csv' } },
    errors: [400, 403, 404],
  },
  stepOperation(
    'revise',
    'revisePurchaseOrder',
    'Replace the lines of a draft.',
    poReviseBodySchema,
    'Needs purchases:write at the store. 409 TRANSITION_NOT_ALLOWED once approved.',
  ),
  stepOperation(
    'approve',
    'approvePurchaseOrder',
    'Approve a draft.',
    poApproveBodySchema,
    'Needs purchases:approve at the store (a regional manager or HQ).',
  ),
  stepOperation(
    'send',
    'sendPurchaseOrder',
    'Record that the approved PO went to the supplier.',
    poSendBodySchema,
    'Needs purchases:write at the store.',
  ),
  stepOperation(
    'close-short',
    'closePurchaseOrderShort',
    'End a partly received PO: the rest will not come.',
    poCloseShortBodySchema,
    'Needs purchases:write at the store. 409 DOCUMENT_CLOSED on an ended PO.',
  ),
  stepOperation(
    'cancel',
    'cancelPurchaseOrder',
    'Cancel a PO before anything arrived.',
    poCancelBodySchema,
    'Needs purchases:write at the store. 409 once goods arrived (close short instead).',
  ),
  {
    method: 'get',
    path: '/v1/admin/stock/cost',
    operationId: 'getStockCost',
    summary: 'Moving-average cost and stock value of a product in a store.',
    query: stockCostQuerySchema,
    responses: { 200: { description: 'The cost.', schema: stockCostSchema } },
    errors: [400, 403, 404],
  },
];
