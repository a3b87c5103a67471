import {
  adminConfigSchema,
  adminPriceSchema,
  adminProductSchema,
  catalogueOptionsSchema,
  dashboardDaySchema,
  enrolmentCodeSchema,
  fleetSchema,
  gstReportSchema,
  healthReportAnswerSchema,
  healthReportSchema,
  importReportSchema,
  movementsSchema,
  productDetailSchema,
  productInputSchema,
  productPageSchema,
  productStockSchema,
  regionSyncEndpointsSchema,
  regionSyncEndpointsSetSchema,
  regionsSchema,
  revokedSchema,
  salesReportSchema,
  storeStockSchema,
  storesSchema,
  adminStoreSchema,
  storeCreateSchema,
  storeGstSettingsSchema,
} from '@kiryana/shared';
import type { ApiOperation } from '../../http/openapi';
import {
  createProductSchema,
  importSchema,
  priceParamSchema,
  productListQuerySchema,
  productParamSchema,
  setPriceSchema,
} from '../catalogue/catalogue.routes';
import { counterStaffOperations } from '../pins/counter-staff.routes';
import { notificationOperations } from '../notifications/notification.routes';
import { supplierOperations } from '../purchasing-admin/supplier.routes';
import { purchaseOrderOperations } from '../purchasing-admin/purchase-order.routes';
import { transferAdminOperations } from '../transfers-admin/transfer-admin.routes';
import { gstReturnOperations } from '../gst-returns/gst-returns.routes';
import { taxAdminOperations } from '../tax-admin/tax-admin.routes';
import { invoiceOperations } from '../invoices/invoice.routes';
import { dashboardQuerySchema, fleetQuerySchema } from '../dashboard/dashboard.routes';
import { gstReportQuerySchema, salesReportQuerySchema } from '../reports/reports.routes';
import {
  movementsQuerySchema,
  productStockQuerySchema,
  storeStockQuerySchema,
} from '../stock-admin/stock-admin.routes';
import {
  deviceParamSchema,
  regionParamSchema,
  storeParamSchema,
} from '../stores-admin/stores-admin.routes';

/** The tag of the admin API in the reference. */
export const ADMIN_TAG = {
  name: 'Admin',
  description:
    'The admin web and HQ tools: live dashboard, stores and terminals, catalogue and prices, stock, reports. Every call needs an OpenID access token; what it returns is limited to the stores and regions the caller reaches.',
};

type Op = Omit<ApiOperation, 'tag' | 'auth'> & { auth?: ApiOperation['auth'] };

const csv = (description: string) => ({ description, contentType: 'text/csv' });

const OPERATIONS: readonly Op[] = [
  {
    method: 'get',
    path: '/v1/admin/config',
    operationId: 'getAdminConfig',
    summary: 'How the admin web signs in: issuer, public client id and scopes.',
    auth: 'none',
    responses: { 200: { description: 'Sign-in configuration.', schema: adminConfigSchema } },
  },
  {
    method: 'get',
    path: '/v1/admin/me',
    operationId: 'getAdminMe',
    summary: 'The calling actor with its role grants.',
    responses: { 200: { description: 'The actor.' } },
  },
  {
    method: 'get',
    path: '/v1/admin/dashboard',
    operationId: 'getDashboard',
    summary:
      "A day's sales per store in reach: totals, bills, average bill, top products, by hour.",
    query: dashboardQuerySchema,
    responses: { 200: { description: 'The day.', schema: dashboardDaySchema } },
    errors: [400, 403],
  },
  {
    method: 'get',
    path: '/v1/admin/dashboard/stream',
    operationId: 'streamDashboard',
    summary:
      'Server-Sent Events: `sale` when a sale lands in a store in reach, `stock` `{storeId, productId, level}` when a level changes, `notification` `{storeId, id}` when a low-stock alert is raised, `resync`, `heartbeat`.',
    responses: { 200: { description: 'An event stream.', contentType: 'text/event-stream' } },
    errors: [403],
  },
  {
    method: 'get',
    path: '/v1/admin/fleet',
    operationId: 'getFleetHealth',
    summary: 'Terminals in reach: last contact, documents they report unsynced, clock skew.',
    query: fleetQuerySchema,
    responses: { 200: { description: 'Terminal health.', schema: fleetSchema } },
    errors: [403],
  },
  {
    method: 'post',
    path: '/v1/fleet/report',
    operationId: 'reportTerminalHealth',
    summary: 'A terminal reports its clock and its count of unsynced documents.',
    auth: 'device',
    body: healthReportSchema,
    responses: {
      200: { description: 'Server time and the skew measured.', schema: healthReportAnswerSchema },
    },
  },
  {
    method: 'get',
    path: '/v1/admin/regions',
    operationId: 'listAdminRegions',
    summary: 'Regions with stores in reach.',
    responses: { 200: { description: 'Regions.', schema: regionsSchema } },
    errors: [403],
  },
  {
    method: 'get',
    path: '/v1/admin/regions/:regionId/sync-endpoints',
    operationId: 'getRegionSyncEndpoints',
    summary: 'The sync endpoints of a region’s terminals, in fail-over order.',
    description:
      'An empty list: terminals of the region keep the server they enrolled with (or the SYNC_ENDPOINTS list they were enrolled with).',
    params: regionParamSchema,
    responses: {
      200: {
        description: 'The endpoints as stored (origins).',
        schema: regionSyncEndpointsSetSchema,
      },
    },
    errors: [403, 404],
  },
  {
    method: 'put',
    path: '/v1/admin/regions/:regionId/sync-endpoints',
    operationId: 'setRegionSyncEndpoints',
    summary:
      'The sync endpoints of a region’s terminals, in fail-over order, the region’s own first.',
    description:
      'Terminals enrolled afterwards receive the list with their credential; they fail over down it after consecutive failures and return to the first once it is healthy again. An empty list: only the server a terminal enrolled with.',
    params: regionParamSchema,
    body: regionSyncEndpointsSchema,
    responses: {
      200: {
        description: 'The endpoints as stored (origins).',
        schema: regionSyncEndpointsSetSchema,
      },
    },
    errors: [400, 403, 404],
  },
  {
    method: 'get',
    path: '/v1/admin/stores',
    operationId: 'listAdminStores',
    summary: 'Stores in reach with their active terminals.',
    responses: { 200: { description: 'Stores.', schema: storesSchema } },
    errors: [403],
  },
  {
    method: 'post',
    path: '/v1/admin/stores',
    operationId: 'createStore',
    summary: 'Open a store with its GST registration.',
    description:
      'Needs stores:write in the store’s region. The state code must be a GST state (STATE_CODE_UNKNOWN); the GSTIN is checked with its check character and must be of that state (GSTIN_INVALID). The id is `st-` + the code in lowercase; a code already taken is 409. Audited as a store change.',
    body: storeCreateSchema,
    responses: { 201: { description: 'The store.', schema: adminStoreSchema } },
    errors: [400, 403, 404, 409],
  },
  {
    method: 'put',
    path: '/v1/admin/stores/:storeId/gst',
    operationId: 'setStoreGst',
    summary: 'The store’s GST registration: GSTIN, legal name, composition, e-invoicing.',
    description:
      'Needs stores:write for the store. The GSTIN is checked with its check character (GSTIN_INVALID; STATE_CODE_UNKNOWN for a state code that is no state) and must start with the store’s state code. A composition store cannot be e-invoicing. The store’s terminals pull the change; audited as a store change.',
    params: storeParamSchema,
    body: storeGstSettingsSchema,
    responses: { 200: { description: 'The store.', schema: adminStoreSchema } },
    errors: [400, 403, 404],
  },
  {
    method: 'post',
    path: '/v1/admin/stores/:storeId/enrolment-codes',
    operationId: 'createStoreEnrolmentCode',
    summary: 'A one-time enrolment code for a new terminal of the store (shown once).',
    params: storeParamSchema,
    responses: {
      201: { description: 'The code and when it expires.', schema: enrolmentCodeSchema },
    },
    errors: [403, 404],
  },
  {
    method: 'post',
    path: '/v1/admin/devices/:deviceId/revoke',
    operationId: 'revokeTerminal',
    summary: 'Revoke a terminal: its next sync request gets 401.',
    params: deviceParamSchema,
    responses: { 200: { description: 'Revoked.', schema: revokedSchema } },
    errors: [403, 404],
  },
  {
    method: 'get',
    path: '/v1/admin/catalogue-options',
    operationId: 'getCatalogueOptions',
    summary: 'Tax classes with their current rate, and the categories in use.',
    responses: { 200: { description: 'Options.', schema: catalogueOptionsSchema } },
    errors: [403],
  },
  {
    method: 'get',
    path: '/v1/admin/products',
    operationId: 'listProducts',
    summary: 'Products in SKU order, searchable by name, SKU or barcode; `next` pages on.',
    query: productListQuerySchema,
    responses: { 200: { description: 'A page of products.', schema: productPageSchema } },
    errors: [400, 403],
  },
  {
    method: 'get',
    path: '/v1/admin/products/export.csv',
    operationId: 'exportProducts',
    summary: 'The catalogue as CSV, in the columns the import reads.',
    responses: { 200: csv('CSV.') },
    errors: [403],
  },
  {
    method: 'post',
    path: '/v1/admin/products/import',
    operationId: 'importProducts',
    summary: 'Import a catalogue CSV; a dry run lists every bad row and writes nothing.',
    description:
      'Columns: sku, name_en, name_hi, barcodes (separated by |), hsn, tax_class, category, unit (piece, g, ml), sold_loose, mrp and price (rupees), reorder_level, active. A file with any bad row is refused whole (400 listing every row) and nothing is written; a clean file is written in one transaction.',
    body: importSchema,
    responses: {
      200: {
        description: 'What was (or would be) created and updated.',
        schema: importReportSchema,
      },
    },
    errors: [403],
  },
  {
    method: 'get',
    path: '/v1/admin/products/:productId',
    operationId: 'getProduct',
    summary: 'A product with the prices the caller may see.',
    params: productParamSchema,
    responses: { 200: { description: 'The product and its prices.', schema: productDetailSchema } },
    errors: [403, 404],
  },
  {
    method: 'post',
    path: '/v1/admin/products',
    operationId: 'createProduct',
    summary: 'Create a product with its HQ price (HQ only).',
    body: createProductSchema,
    responses: { 201: { description: 'The product.', schema: adminProductSchema } },
    errors: [403, 409],
  },
  {
    method: 'put',
    path: '/v1/admin/products/:productId',
    operationId: 'updateProduct',
    summary: "Replace a product's fields (HQ only).",
    params: productParamSchema,
    body: productInputSchema,
    responses: { 200: { description: 'The product.', schema: adminProductSchema } },
    errors: [403, 404, 409],
  },
  {
    method: 'delete',
    path: '/v1/admin/products/:productId',
    operationId: 'deleteProduct',
    summary: 'Delete a product; terminals stop selling it (HQ only).',
    params: productParamSchema,
    responses: { 204: { description: 'Deleted.' } },
    errors: [403, 404],
  },
  {
    method: 'put',
    path: '/v1/admin/prices',
    operationId: 'setPrice',
    summary: 'Set the HQ price, a region list price or a store override of a product.',
    body: setPriceSchema,
    responses: { 200: { description: 'The price row.', schema: adminPriceSchema } },
    errors: [403, 404],
  },
  {
    method: 'delete',
    path: '/v1/admin/prices/:priceId',
    operationId: 'deletePrice',
    summary: 'Remove a region list price or a store override.',
    params: priceParamSchema,
    responses: { 204: { description: 'Removed.' } },
    errors: [403, 404],
  },
  {
    method: 'get',
    path: '/v1/admin/stock',
    operationId: 'getStoreStock',
    summary: 'Stock levels of a store (`low=true`: at or below reorder level).',
    query: storeStockQuerySchema,
    responses: { 200: { description: 'Levels.', schema: storeStockSchema } },
    errors: [400, 403],
  },
  {
    method: 'get',
    path: '/v1/admin/stock/by-product',
    operationId: 'getProductStock',
    summary: "A product's level in every store in reach.",
    query: productStockQuerySchema,
    responses: { 200: { description: 'Levels per store.', schema: productStockSchema } },
    errors: [400, 403],
  },
  {
    method: 'get',
    path: '/v1/admin/stock/movements',
    operationId: 'getStockMovements',
    summary: 'Movement history of a product in a store: who, when, why.',
    query: movementsQuerySchema,
    responses: { 200: { description: 'Movements, newest first.', schema: movementsSchema } },
    errors: [400, 403],
  },
  {
    method: 'get',
    path: '/v1/admin/reports/sales',
    operationId: 'getSalesReport',
    summary: 'Sales over a period by store, day, product or category (JSON or CSV).',
    query: salesReportQuerySchema,
    responses: {
      200: {
        description: 'Report rows (or CSV with format=csv).',
        schema: salesReportSchema,
      },
    },
    errors: [400, 403],
  },
  {
    method: 'get',
    path: '/v1/admin/reports/gst',
    operationId: 'getGstSummary',
    summary: 'GST of a period by rate and HSN (JSON or CSV).',
    query: gstReportQuerySchema,
    responses: {
      200: {
        description: 'Summary rows (or CSV with format=csv).',
        schema: gstReportSchema,
      },
    },
    errors: [400, 403],
  },
];

/** OpenAPI description of the admin API. */
export const adminOperations: readonly ApiOperation[] = [
  ...OPERATIONS,
  ...(counterStaffOperations as readonly Op[]),
  ...(notificationOperations as readonly Op[]),
  ...(supplierOperations as readonly Op[]),
  ...(purchaseOrderOperations as readonly Op[]),
  ...(transferAdminOperations as readonly Op[]),
  ...(gstReturnOperations as readonly Op[]),
  ...(taxAdminOperations as readonly Op[]),
  ...(invoiceOperations as readonly Op[]),
].map((op) => ({
  ...op,
  tag: ADMIN_TAG.name,
  auth: op.auth ?? 'user',
}));
