import { z } from 'zod';
import { baseUnitSchema } from '../documents/common';
import { int, isoDate, isoInstant } from './wire-primitives';

/** What the admin API takes and answers about the catalogue. Amounts are integer paise. */

/** A product as HQ writes it; the server keeps id, price basis, seq and timestamps. */
export const productInputSchema = z.strictObject({
  sku: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ -'),
  nameEn: z.string().trim().min(1).max(200),
  nameHi: z.string().trim().max(200).default(''),
  barcodes: z
    .array(z.string().regex(/^[0-9]{8,14}$/, 'an EAN/UPC barcode of 8 to 14 digits'))
    .max(20)
    .default([]),
  hsn: z.string().regex(/^([0-9]{4}|[0-9]{6}|[0-9]{8})$/, 'an HSN code of 4, 6 or 8 digits'),
  taxClassId: z.string().min(1).max(64),
  category: z.string().trim().min(1).max(80),
  unit: baseUnitSchema,
  soldLoose: z.boolean().default(false),
  mrpMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  reorderLevelBase: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  active: z.boolean().default(true),
});

/** A validated product input (the body of `POST /v1/admin/products` and `PUT …/:productId`). */
export type ProductInput = z.output<typeof productInputSchema>;

/** A product as the admin API shows it. */
export const adminProductSchema = z.object({
  id: z.string(),
  sku: z.string(),
  nameEn: z.string(),
  nameHi: z.string(),
  barcodes: z.array(z.string()),
  hsn: z.string(),
  taxClassId: z.string(),
  category: z.string(),
  unit: baseUnitSchema,
  /** What a price is per: 1,000 g or ml for goods sold loose, else one item. */
  priceBasisQty: z.union([z.literal(1), z.literal(1000)]),
  soldLoose: z.boolean(),
  mrpMinor: int,
  reorderLevelBase: int,
  active: z.boolean(),
  hqPriceMinor: int.nullable(),
  updatedAt: isoInstant,
});

/** A product as the admin API shows it. */
export type AdminProduct = z.infer<typeof adminProductSchema>;

/** A price of a product at one level, as the admin API shows it. */
export const adminPriceSchema = z.object({
  id: z.string(),
  productId: z.string(),
  level: z.enum(['hq', 'region', 'store']),
  regionId: z.string().nullable(),
  storeId: z.string().nullable(),
  priceMinor: int,
  mrpMinor: int,
  effectiveFrom: isoDate,
});

/** A price as the admin API shows it. */
export type AdminPrice = z.infer<typeof adminPriceSchema>;

/** The answer of `GET /v1/admin/products`: a page of products. */
export const productPageSchema = z.object({
  products: z.array(adminProductSchema),
  next: z.string().nullable(),
});

/** The answer of `GET /v1/admin/products/:productId`: a product and its prices. */
export const productDetailSchema = z.object({
  product: adminProductSchema,
  prices: z.array(adminPriceSchema),
});

/** The answer of `GET /v1/admin/catalogue-options`: what a product form offers. */
export const catalogueOptionsSchema = z.object({
  taxClasses: z.array(z.object({ id: z.string(), rateBp: int, description: z.string() })),
  categories: z.array(z.string()),
});

/** What a product form offers. */
export type CatalogueOptions = z.infer<typeof catalogueOptionsSchema>;

/** Why a catalogue CSV row (or the file) is refused; stable, the admin web translates each. */
export const PRODUCT_IMPORT_ISSUE_CODES = [
  'required',
  'invalid',
  'unknown_column',
  'missing_column',
  'duplicate_sku',
  'duplicate_barcode',
  'barcode_taken',
  'unknown_tax_class',
  /** The HSN is outside the HSN prefixes of its tax class (issue 19). */
  'hsn_not_in_tax_class',
  'price_above_mrp',
  'too_many_rows',
  'malformed',
] as const;

/** Why an imported row is refused. */
export type ProductImportIssueCode = (typeof PRODUCT_IMPORT_ISSUE_CODES)[number];

/** A problem with one field (a CSV column, or `file`) of an imported row. */
export const importIssueSchema = z.object({
  field: z.string(),
  code: z.enum(PRODUCT_IMPORT_ISSUE_CODES),
  message: z.string(),
});

/** A problem with one field of an imported row. */
export type ImportIssue = z.infer<typeof importIssueSchema>;

/** The answer of `POST /v1/admin/products/import` (also the `details` of its refusal). */
export const importReportSchema = z.object({
  dryRun: z.boolean(),
  imported: z.boolean(),
  rows: int,
  created: int,
  updated: int,
  errors: z.array(z.object({ line: int, sku: z.string(), issues: z.array(importIssueSchema) })),
});

/** A product import's report. */
export type ImportReport = z.infer<typeof importReportSchema>;
