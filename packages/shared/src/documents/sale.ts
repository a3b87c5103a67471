import { z } from 'zod';
import {
  currencySchema,
  deletedSchema,
  factIdSchema,
  isoDateSchema,
  isoTimestampSchema,
  minorSchema,
  nonNegativeMinorSchema,
  rateBpSchema,
  refIdSchema,
} from './common';

/**
 * Version of the sale document shape. Version 2 added the buyer, the place of supply and the kind
 * of invoice (all optional); a version-1 sale, from a terminal not yet upgraded, reads as a B2C tax
 * invoice whose place of supply is the store's state, which is what version 1 could only issue.
 */
export const SALE_SCHEMA_VERSION = 2;

/**
 * The buyer of a B2B sale (or of a B2C sale whose address is recorded, e.g. an inter-state B2C
 * large invoice). `gstin` is null for an unregistered buyer. `stateCode` is the buyer's state (the
 * GSTIN's first two digits when there is one): it decides the place of supply (gst/place-of-supply).
 */
export const saleBuyerSchema = z.object({
  gstin: z
    .string()
    .regex(/^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/)
    .nullable(),
  name: z.string().min(1).max(200),
  stateCode: z.string().regex(/^[0-9]{2}$/),
  address: z.string().max(500),
});

/**
 * What a sale document is under the CGST Rules: a tax invoice (Rule 46), or a bill of supply
 * (Rule 49) from a composition store, which charges no tax. A return of either is a credit note
 * (Rule 53); its kind follows the original's.
 */
export const invoiceKindSchema = z.enum(['tax-invoice', 'bill-of-supply']);

/**
 * One line of a bill as computed by `computeBill`. Prices are tax-inclusive per `priceBasisQty` base
 * units; `discountMinor` includes the line's share of the bill discount; the GST rates are stored on
 * the line so that a return uses the original bill's rates, whatever the schedule says later.
 */
export const saleLineSchema = z.object({
  lineNo: z.number().int().min(1).max(10_000),
  productId: refIdSchema,
  name: z.string().min(1).max(200),
  hsn: z.string().regex(/^([0-9]{4}|[0-9]{6}|[0-9]{8})$/),
  qtyBase: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  priceBasisQty: z.number().int().min(1).max(1_000_000),
  unitPriceMinor: nonNegativeMinorSchema,
  mrpMinor: nonNegativeMinorSchema,
  discountMinor: nonNegativeMinorSchema,
  grossMinor: nonNegativeMinorSchema,
  netMinor: nonNegativeMinorSchema,
  taxableMinor: nonNegativeMinorSchema,
  cgstMinor: nonNegativeMinorSchema,
  sgstMinor: nonNegativeMinorSchema,
  igstMinor: nonNegativeMinorSchema,
  cessMinor: nonNegativeMinorSchema,
  gstRateBp: rateBpSchema,
  cessRateBp: rateBpSchema,
  /**
   * The specific (per-unit) cess rate of the line, as on the tax-rate row in force: minor units per
   * `cessSpecificPerQty` base units; absent when none. `cessMinor` already includes the specific
   * cess of the line; the rate is kept so that a return charges back the same (bill/bill-lines.ts).
   */
  cessSpecificMinor: z.number().int().min(0).max(100_000_000).optional(),
  /** The base units `cessSpecificMinor` is quoted for (1000 for "per thousand sticks"). */
  cessSpecificPerQty: z.number().int().min(1).max(1_000_000).optional(),
});

/** A tax breakdown row of a bill, one per (GST rate, cess rate). */
export const taxBreakdownRowSchema = z.object({
  gstRateBp: rateBpSchema,
  cessRateBp: rateBpSchema,
  taxableMinor: nonNegativeMinorSchema,
  cgstMinor: nonNegativeMinorSchema,
  sgstMinor: nonNegativeMinorSchema,
  igstMinor: nonNegativeMinorSchema,
  cessMinor: nonNegativeMinorSchema,
});

/** A bill's totals. `totalMinor` is what is payable after rounding off to the rupee. */
export const saleTotalsSchema = z.object({
  grossMinor: nonNegativeMinorSchema,
  discountMinor: nonNegativeMinorSchema,
  netMinor: nonNegativeMinorSchema,
  taxableMinor: nonNegativeMinorSchema,
  cgstMinor: nonNegativeMinorSchema,
  sgstMinor: nonNegativeMinorSchema,
  igstMinor: nonNegativeMinorSchema,
  cessMinor: nonNegativeMinorSchema,
  roundOffMinor: minorSchema,
  totalMinor: nonNegativeMinorSchema,
  mrpTotalMinor: nonNegativeMinorSchema,
  savingsMinor: minorSchema,
});

/** A tender of a bill (or, on a return, a refund by the original tender). */
export const salePaymentSchema = z.object({
  method: z.enum(['cash', 'upi', 'card', 'credit']),
  amountMinor: nonNegativeMinorSchema,
  tenderedMinor: nonNegativeMinorSchema.nullable(),
  changeMinor: nonNegativeMinorSchema.nullable(),
  reference: z.string().max(64).nullable(),
  customerId: refIdSchema.nullable(),
});

/**
 * A sale or a return: one insert-only document holding its lines and payments, made offline on a
 * terminal with a UUIDv7 id and an invoice number from the terminal's series. A return points at the
 * sale it reverses through `originalSaleId`; its quantities and amounts are positive and mean "back".
 * The server derives the stock movements of its lines (sale: −qty, return: +qty) in the same
 * transaction that stores it.
 */
export const saleSchema = z.object({
  id: factIdSchema,
  schemaVersion: z.union([z.literal(1), z.literal(SALE_SCHEMA_VERSION)]),
  kind: z.enum(['sale', 'return']),
  storeId: refIdSchema,
  terminalId: refIdSchema,
  cashierId: refIdSchema.nullable(),
  invoiceNo: z
    .string()
    .max(16)
    .regex(/^[A-Za-z0-9/-]{1,16}$/, 'CGST Rule 46(b): at most 16 letters, digits, - or /'),
  originalSaleId: factIdSchema.nullable(),
  customerId: refIdSchema.nullable(),
  currency: currencySchema,
  supplyType: z.enum(['intra', 'inter']),
  /** Version 2: the buyer of a B2B (or addressed B2C) sale; null or absent for a walk-in. */
  buyer: saleBuyerSchema.nullable().optional(),
  /** Version 2: the place of supply's state code; absent on version 1 (the store's state). */
  placeOfSupply: z
    .string()
    .regex(/^[0-9]{2}$/)
    .optional(),
  /** Version 2: tax invoice or bill of supply; absent on version 1 (a tax invoice). */
  invoiceKind: invoiceKindSchema.optional(),
  createdAt: isoTimestampSchema,
  businessDate: isoDateSchema,
  lines: z.array(saleLineSchema).min(1).max(500),
  billDiscountMinor: nonNegativeMinorSchema,
  taxBreakdown: z.array(taxBreakdownRowSchema).max(50),
  totals: saleTotalsSchema,
  payments: z.array(salePaymentSchema).min(1).max(10),
  _deleted: deletedSchema,
});

/** A sale or return document. */
export type Sale = z.infer<typeof saleSchema>;
/** A line of a sale. */
export type SaleLine = z.infer<typeof saleLineSchema>;
/** The buyer of a sale. */
export type SaleBuyer = z.infer<typeof saleBuyerSchema>;
/** Tax invoice or bill of supply. */
export type InvoiceKind = z.infer<typeof invoiceKindSchema>;
/** A payment of a sale. */
export type SalePayment = z.infer<typeof salePaymentSchema>;
