import { z } from 'zod';
import { calendarDateSchema } from '../input/input-schemas';

/**
 * The sync-health check (`GET /v1/sync/health` for a device, `GET /v1/fleet/sync-health` for a
 * manager): what the server holds per terminal and business date, counted and checksummed so a
 * terminal can compare it with what it sent without downloading it. The server validates queries
 * and documents its answer with these schemas; clients decode the answer with them.
 */

/** Longest period one health check may span, in days (a year of daily rows per terminal). */
export const MAX_HEALTH_DAYS = 366;

/** Days looked at when the query names no period: the last 30 days up to today. */
export const DEFAULT_HEALTH_DAYS = 30;

const checksumSchema = z
  .string()
  .regex(/^[0-9a-f]{16}$/)
  .describe(
    'XOR of the first 64 bits of SHA-256 of each id (UTF-8), 16 lowercase hex digits; ' +
      '0000000000000000 for no ids. Compare together with the count.',
  );

const periodShape = {
  from: calendarDateSchema
    .optional()
    .describe(`First business date (default: ${String(DEFAULT_HEALTH_DAYS)} days before \`to\`).`),
  to: calendarDateSchema
    .optional()
    .describe("Last business date (default: today in the store's zone)."),
  terminalId: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('Only this terminal (the `terminalId` of its documents: its device id).'),
  stock: z
    .enum(['true', 'false'])
    .default('false')
    .transform((text) => text === 'true')
    .describe('Also check that stock levels equal the sum of movements (reads all movements).'),
};

/** Query of the device's `GET /v1/sync/health`. */
export const deviceHealthQuerySchema = z.object(periodShape);

/** Query of a manager's `GET /v1/fleet/sync-health`. */
export const storeHealthQuerySchema = z.object({
  storeId: z.string().min(1).max(64).describe('The store to check.'),
  ...periodShape,
});

/** A parsed period query. */
export type HealthQuery = z.output<typeof deviceHealthQuerySchema>;

const countsShape = {
  sales: z.number().int().describe('Sale documents received.'),
  returns: z.number().int().describe('Return documents received.'),
  salesMinor: z.number().int().describe('Sum of the sales’ totals, minor units.'),
  returnsMinor: z.number().int().describe('Sum of the returns’ totals, minor units.'),
  checksum: checksumSchema.describe('Checksum of the ids of the sales and returns.'),
  movements: z.number().int().describe('Stock movements the terminal pushed itself.'),
  movementsChecksum: checksumSchema.describe('Checksum of those movements’ ids.'),
};

/** What was received from one terminal on one business date. */
const dayHealthSchema = z.object({ businessDate: z.string(), ...countsShape });

/** What was received from one terminal in the period. */
const terminalHealthSchema = z.object({
  terminalId: z.string(),
  device: z
    .object({
      terminalCode: z.string(),
      name: z.string(),
      status: z.enum(['active', 'revoked']),
      lastSeenAt: z.string().nullable(),
    })
    .nullable()
    .describe('The enrolled device of that id in this store, if any.'),
  quarantined: z.number().int().describe('Unresolved quarantined rows this device pushed, ever.'),
  lastReceivedAt: z.string().nullable(),
  ...countsShape,
  days: z.array(dayHealthSchema),
});

/** The answer of both health routes. */
export const syncHealthSchema = z.object({
  storeId: z.string(),
  from: z.string(),
  to: z.string(),
  serverTime: z.string(),
  checksumAlgorithm: z.literal('xor-sha256-64'),
  totals: z.object(countsShape),
  terminals: z.array(terminalHealthSchema),
  stock: z
    .object({
      driftingProducts: z
        .number()
        .int()
        .describe('Products whose level differs from the sum of their movements.'),
    })
    .nullable()
    .describe('Present when asked with `stock=true`.'),
});

/** A store's sync health. */
export type SyncHealth = z.infer<typeof syncHealthSchema>;
/** One terminal's part of it. */
export type TerminalHealth = z.infer<typeof terminalHealthSchema>;
/** One day of a terminal. */
export type DayHealth = z.infer<typeof dayHealthSchema>;
