import { z } from 'zod';
import { deletedSchema, isoTimestampSchema, nonNegativeMinorSchema, refIdSchema } from './common';
import { gstinSchema } from './store';

/** Version of the party document shape; bumped with a migration on every incompatible change. */
export const PARTY_SCHEMA_VERSION = 1;

/** What a party is to the chain. Only suppliers replicate today; customers come later. */
export const partyKindSchema = z.enum(['supplier']);

/** A party's kind. */
export type PartyKind = z.infer<typeof partyKindSchema>;

/** A product a supplier sells, in its pack (a case of 24), with the cost last paid per pack. */
export const partyProductSchema = z.object({
  productId: refIdSchema,
  orderUnitName: z.string().min(1).max(40),
  baseUnitsPerOrderUnit: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** Minor units per order unit; null until the first quote or receipt. */
  lastCostMinorPerOrderUnit: nonNegativeMinorSchema.nullable(),
});

/**
 * A firm or person the store deals with (reference data, server-owned, pull-only on terminals):
 * a supplier replicates to the stores linked to it, and reaches a store it was unlinked from as
 * deleted. A retired supplier stays (old receipts name it) with `active` false.
 */
export const partySchema = z.object({
  id: refIdSchema,
  schemaVersion: z.literal(PARTY_SCHEMA_VERSION),
  kind: partyKindSchema,
  name: z.string().min(1).max(200),
  /** Null for an unregistered supplier. */
  gstin: gstinSchema.nullable(),
  stateCode: z.string().regex(/^[0-9]{2}$/),
  paymentTermsDays: z.number().int().min(0).max(365),
  leadTimeDays: z.number().int().min(0).max(365),
  products: z.array(partyProductSchema).max(5000),
  active: z.boolean(),
  updatedAt: isoTimestampSchema,
  _deleted: deletedSchema,
});

/** A party (a supplier today). */
export type Party = z.infer<typeof partySchema>;
