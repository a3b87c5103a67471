import { z } from 'zod';
import { nonNegativeMinorSchema, refIdSchema } from '../documents/common';
import { gstStateByCode } from '../gst/gstin-state-codes';
import { validateGstin } from '../gst/gstin';

/**
 * The supplier master: kept by HQ (chain-wide, `regionId` null) or a region, replicated to the
 * stores that buy from it. A GSTIN is checked including its check character and must belong to the
 * supplier's state; an unregistered supplier (small local wholesaler) has none.
 */

/** A product the supplier sells, in its pack (a case of 24), with the cost last paid. */
export const supplierProductSchema = z.object({
  productId: refIdSchema,
  orderUnitName: z.string().min(1).max(20),
  baseUnitsPerOrderUnit: z.number().int().min(1).max(100_000),
  /** Per order unit, minor units; null until the first receipt or quote. */
  lastCostMinorPerOrderUnit: nonNegativeMinorSchema.nullable(),
});

/** A supplier's product and pack. */
export type SupplierProduct = z.infer<typeof supplierProductSchema>;

/** What HQ or a region types to create or change a supplier. */
export const supplierInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    gstin: z.string().trim().max(15).nullable(),
    /** GST state code, '27' for Maharashtra. */
    stateCode: z.string().regex(/^\d{2}$/, 'a two-digit GST state code'),
    /** Days of credit, 0 for cash on delivery. */
    paymentTermsDays: z.number().int().min(0).max(365),
    leadTimeDays: z.number().int().min(0).max(365),
    /** Null: a chain-wide supplier (HQ); else the region that keeps it. */
    regionId: refIdSchema.nullable(),
    /** The stores that buy from it (they pull it). */
    storeIds: z.array(refIdSchema).max(10_000),
    products: z
      .array(supplierProductSchema)
      .max(5_000)
      .refine((ps) => new Set(ps.map((p) => p.productId)).size === ps.length, 'each product once'),
  })
  .superRefine((input, ctx) => {
    if (gstStateByCode(input.stateCode) === null)
      ctx.addIssue({ code: 'custom', path: ['stateCode'], message: 'not a GST state code' });
    if (input.gstin === null || input.gstin === '') return;
    const check = validateGstin(input.gstin);
    if (!check.ok) ctx.addIssue({ code: 'custom', path: ['gstin'], message: check.message });
    else if (check.stateCode !== input.stateCode)
      ctx.addIssue({
        code: 'custom',
        path: ['gstin'],
        message: "the GSTIN's state is not the supplier's",
      });
  });

/** A supplier as typed. */
export type SupplierInput = z.infer<typeof supplierInputSchema>;

/** A supplier as the server keeps it. */
export type Supplier = SupplierInput & {
  readonly supplierId: string;
  readonly active: boolean;
  readonly updatedAt: string;
};
