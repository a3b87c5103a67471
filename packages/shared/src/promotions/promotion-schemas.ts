import { z } from 'zod';
import {
  bilingualNameSchema,
  currencySchema,
  isoDateSchema,
  nonNegativeMinorSchema,
  refIdSchema,
} from '../documents/common';

/**
 * The promotion document: who it is for (scope), when (schedule), and what it gives (rule).
 * Quantities are integer base units (pieces, grams, millilitres), money integer minor units of
 * `currency`, percentages integer basis points. `rule.kind` names the offer type; the kind sits
 * in the rule, not on the document, because the terminal's `offers` collection already uses a
 * top-level `kind` to tell promotions from loyalty rules (ARCHITECTURE.md, collection budget).
 * See docs/promotions.md for the rules the engine applies.
 */

/** Version of the promotion document shape. */
export const PROMOTION_SCHEMA_VERSION = 1;

const positiveQtySchema = z.number().int().min(1).max(1_000_000_000);
const percentBpSchema = z.number().int().min(1).max(10_000);
const idListSchema = z.array(refIdSchema).max(500);

/**
 * Which lines an offer looks at: a line matches when its product, its category or its brand is
 * listed (any of the three). At least one list must be non-empty.
 */
export const promotionTargetSchema = z
  .object({
    productIds: idListSchema.default([]),
    categories: idListSchema.default([]),
    brands: idListSchema.default([]),
  })
  .refine(
    (t) => t.productIds.length + t.categories.length + t.brands.length > 0,
    'a target names at least one product, category or brand',
  );

/** Lines an offer looks at. */
export type PromotionTarget = z.infer<typeof promotionTargetSchema>;

/** Where an offer runs: the whole chain, some regions, or some stores. */
export const promotionScopeSchema = z.discriminatedUnion('level', [
  z.object({ level: z.literal('chain') }),
  z.object({ level: z.literal('regions'), regionIds: z.array(refIdSchema).min(1).max(500) }),
  z.object({ level: z.literal('stores'), storeIds: z.array(refIdSchema).min(1).max(5000) }),
]);

/** Where an offer runs. */
export type PromotionScope = z.infer<typeof promotionScopeSchema>;

/** A clock time `HH:MM` in the store's zone; `24:00` ends a window at midnight. */
export const clockTimeSchema = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time HH:MM between 00:00 and 24:00');

/** A time-of-day window: from (inclusive) to (exclusive), the same day. */
export const timeWindowSchema = z
  .object({ from: clockTimeSchema, to: clockTimeSchema })
  .refine((w) => w.from < w.to, 'a window ends after it starts (split one that spans midnight)');

/**
 * When an offer runs, in the store's zone: from `validFrom` to `validTo` (both inclusive), on the
 * listed ISO weekdays (1 = Monday … 7 = Sunday; absent = every day) and within any of the listed
 * time windows (absent = all day). "Weekends" is `weekdays: [6, 7]`; a happy hour is one window.
 */
export const promotionScheduleSchema = z
  .object({
    validFrom: isoDateSchema,
    validTo: isoDateSchema,
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
    timeWindows: z.array(timeWindowSchema).min(1).max(12).optional(),
  })
  .refine((s) => s.validFrom <= s.validTo, 'validTo is on or after validFrom');

/** When an offer runs. */
export type PromotionSchedule = z.infer<typeof promotionScheduleSchema>;

/** A discount on the whole value: a percentage, or an amount (capped at the value). */
export const promotionOffSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('percent'), percentBp: percentBpSchema }),
  z.object({ type: z.literal('amount'), amountMinor: nonNegativeMinorSchema }),
]);

/** Each kind of offer and its parameters. */
export const promotionRuleSchema = z.discriminatedUnion('kind', [
  /** `percentBp` off every matching unit (category and brand offers are this with a target). */
  z.object({
    kind: z.literal('itemPercent'),
    target: promotionTargetSchema,
    percentBp: percentBpSchema,
  }),
  /** `amountMinor` off the price of every matching line's `priceBasisQty` (per piece, per kg). */
  z.object({
    kind: z.literal('itemAmount'),
    target: promotionTargetSchema,
    amountMinor: nonNegativeMinorSchema,
  }),
  /** Buy `buyQtyBase` of `buy`, get `getQtyBase` of `get` at `getPercentBp` off (10000 = free). */
  z.object({
    kind: z.literal('buyXGetY'),
    buy: promotionTargetSchema,
    buyQtyBase: positiveQtySchema,
    get: promotionTargetSchema,
    getQtyBase: positiveQtySchema,
    getPercentBp: percentBpSchema.default(10_000),
  }),
  /** Any `qtyBase` matching units for `priceMinor` together (3 for ₹100). */
  z.object({
    kind: z.literal('multiBuy'),
    target: promotionTargetSchema,
    qtyBase: z.number().int().min(2).max(1_000_000_000),
    priceMinor: nonNegativeMinorSchema,
  }),
  /** One set of components (A + B) for `priceMinor` together. */
  z.object({
    kind: z.literal('combo'),
    components: z
      .array(z.object({ target: promotionTargetSchema, qtyBase: positiveQtySchema }))
      .min(2)
      .max(10),
    priceMinor: nonNegativeMinorSchema,
  }),
  /** `off` the matching value (default: the whole bill) once it reaches `minValueMinor`. */
  z.object({
    kind: z.literal('billThreshold'),
    target: promotionTargetSchema.optional(),
    minValueMinor: nonNegativeMinorSchema,
    off: promotionOffSchema,
    maxDiscountMinor: nonNegativeMinorSchema.optional(),
  }),
]);

/** What an offer gives. */
export type PromotionRule = z.infer<typeof promotionRuleSchema>;

/** A kind of offer. */
export type PromotionKind = PromotionRule['kind'];

/** A promotion as HQ or a manager schedules it and terminals receive it. */
export const promotionSchema = z.object({
  id: refIdSchema,
  schemaVersion: z.literal(PROMOTION_SCHEMA_VERSION),
  name: bilingualNameSchema,
  currency: currencySchema,
  scope: promotionScopeSchema,
  schedule: promotionScheduleSchema,
  /** Higher runs first and wins ties; 0–1000. */
  priority: z.number().int().min(0).max(1000),
  /** An exclusive offer is the only one on the bill when chosen. */
  exclusive: z.boolean(),
  rule: promotionRuleSchema,
});

/** A promotion (its targets with their lists filled in). */
export type Promotion = z.infer<typeof promotionSchema>;

/** A promotion as written, before the target lists' defaults are filled in. */
export type PromotionInput = z.input<typeof promotionSchema>;
