import { z } from 'zod';

/**
 * The shapes the admin API answers with, for the OpenAPI document; the contract test parses real
 * answers with them, so the document cannot drift from what the routes send. Amounts are integer
 * paise, quantities integer base units, instants ISO 8601.
 */

const int = z.number().int();
const isoInstant = z.string();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const dashboardDaySchema = z.object({
  businessDate: isoDate,
  /** Net sales leave the round-off out; collected = net + round-off (docs/reports.md). */
  totals: z.object({
    netMinor: int,
    roundOffMinor: int,
    collectedMinor: int,
    bills: int,
    returns: int,
    averageBillMinor: int,
  }),
  stores: z.array(
    z.object({
      storeId: z.string(),
      storeCode: z.string(),
      regionId: z.string(),
      nameEn: z.string(),
      nameHi: z.string(),
      netMinor: int,
      roundOffMinor: int,
      bills: int,
      returns: int,
      averageBillMinor: int,
      lastSaleAt: isoInstant.nullable(),
    }),
  ),
  topProducts: z.array(
    z.object({
      productId: z.string(),
      nameEn: z.string(),
      nameHi: z.string(),
      unit: z.string(),
      soldLoose: z.boolean(),
      qtyBase: int,
      netMinor: int,
    }),
  ),
  byHour: z.array(z.object({ hour: int, netMinor: int, bills: int })).length(24),
});

export const fleetSchema = z.object({
  serverTime: isoInstant,
  terminals: z.array(
    z.object({
      deviceId: z.string(),
      storeId: z.string(),
      storeCode: z.string(),
      terminalCode: z.string(),
      name: z.string(),
      status: z.enum(['active', 'revoked']),
      lastContactAt: isoInstant.nullable(),
      unsyncedDocuments: int.nullable(),
      clockSkewMs: int.nullable(),
      appVersion: z.string().nullable(),
      isSilent: z.boolean(),
    }),
  ),
});

export const healthReportAnswerSchema = z.object({ serverTime: isoInstant, clockSkewMs: int });

const named = { id: z.string(), code: z.string(), nameEn: z.string(), nameHi: z.string() };
export const regionsSchema = z.object({ regions: z.array(z.object(named)) });
export const storesSchema = z.object({
  stores: z.array(
    z.object({
      ...named,
      regionId: z.string(),
      gstin: z.string(),
      address: z.string(),
      activeTerminals: int,
    }),
  ),
});
export const enrolmentCodeSchema = z.object({
  code: z.string(),
  storeId: z.string(),
  storeCode: z.string(),
  storeName: z.string(),
  expiresAt: isoInstant,
});
export const revokedSchema = z.object({ deviceId: z.string(), revokedAt: isoInstant });

export const productSchema = z.object({
  id: z.string(),
  sku: z.string(),
  nameEn: z.string(),
  nameHi: z.string(),
  barcodes: z.array(z.string()),
  hsn: z.string(),
  taxClassId: z.string(),
  category: z.string(),
  unit: z.enum(['piece', 'g', 'ml']),
  priceBasisQty: z.union([z.literal(1), z.literal(1000)]),
  soldLoose: z.boolean(),
  mrpMinor: int,
  reorderLevelBase: int,
  active: z.boolean(),
  hqPriceMinor: int.nullable(),
  updatedAt: isoInstant,
});
export const priceSchema = z.object({
  id: z.string(),
  productId: z.string(),
  level: z.enum(['hq', 'region', 'store']),
  regionId: z.string().nullable(),
  storeId: z.string().nullable(),
  priceMinor: int,
  mrpMinor: int,
  effectiveFrom: isoDate,
});
export const productPageSchema = z.object({
  products: z.array(productSchema),
  next: z.string().nullable(),
});
export const productDetailSchema = z.object({
  product: productSchema,
  prices: z.array(priceSchema),
});
export const catalogueOptionsSchema = z.object({
  taxClasses: z.array(z.object({ id: z.string(), rateBp: int, description: z.string() })),
  categories: z.array(z.string()),
});
export const importReportSchema = z.object({
  dryRun: z.boolean(),
  imported: z.boolean(),
  rows: int,
  created: int,
  updated: int,
  errors: z.array(
    z.object({
      line: int,
      sku: z.string(),
      issues: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
    }),
  ),
});

const stockRow = z.object({
  productId: z.string(),
  sku: z.string(),
  nameEn: z.string(),
  nameHi: z.string(),
  unit: z.string(),
  soldLoose: z.boolean(),
  qtyBase: int,
  reorderLevelBase: int,
  isLow: z.boolean(),
});
export const storeStockSchema = z.object({
  storeId: z.string(),
  levels: z.array(stockRow),
  next: z.string().nullable(),
});
export const productStockSchema = z.object({
  productId: z.string(),
  stores: z.array(
    z.object({
      storeId: z.string(),
      storeCode: z.string(),
      nameEn: z.string(),
      qtyBase: int,
      isLow: z.boolean(),
    }),
  ),
});
const nullableText = z.string().nullable();
export const movementsSchema = z.object({
  storeId: z.string(),
  productId: z.string(),
  limit: int,
  movements: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      qtyDeltaBase: int,
      createdAt: isoInstant,
      receivedAt: isoInstant,
      terminalId: nullableText,
      cashierId: nullableText,
      cashierName: nullableText,
      reason: nullableText,
      note: nullableText,
      refId: nullableText,
      supplier: nullableText,
    }),
  ),
});

const period = { from: isoDate, to: isoDate, storeId: z.string().optional(), format: z.string() };
export const salesReportSchema = z.object({
  ...period,
  groupBy: z.enum(['store', 'day', 'product', 'category']),
  rows: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      labelHi: z.string(),
      netMinor: int,
      /** The bills' round-off by store or day; null by product or category. */
      roundOffMinor: int.nullable(),
      taxableMinor: int,
      taxMinor: int,
      qtyBase: int,
      bills: int,
    }),
  ),
  totals: z.object({
    netMinor: int,
    roundOffMinor: int,
    collectedMinor: int,
    taxableMinor: int,
    taxMinor: int,
    bills: int,
  }),
});
export const gstReportSchema = z.object({
  ...period,
  rows: z.array(
    z.object({
      gstRateBp: int,
      hsn: z.string(),
      taxableMinor: int,
      cgstMinor: int,
      sgstMinor: int,
      igstMinor: int,
      cessMinor: int,
      lines: int,
    }),
  ),
});
