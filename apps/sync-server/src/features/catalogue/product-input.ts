import { z } from 'zod';

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
  unit: z.enum(['piece', 'g', 'ml']),
  soldLoose: z.boolean().default(false),
  mrpMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  reorderLevelBase: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  active: z.boolean().default(true),
});

/** A validated product input. */
export type ProductInput = z.output<typeof productInputSchema>;

/**
 * What a price is per: 1,000 g or ml (a kg, a litre) for goods sold loose by weight or volume;
 * otherwise one item, whether a piece or a pack whose quantity is counted in packs.
 */
export function priceBasisOf(input: Pick<ProductInput, 'unit' | 'soldLoose'>): 1 | 1000 {
  return input.soldLoose && input.unit !== 'piece' ? 1000 : 1;
}
