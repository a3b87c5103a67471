import { z } from 'zod';
import type { Observable } from 'rxjs';
import type { TerminalDatabase } from '../db/database';
import { DEFAULT_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../db/local-retention';
import { readLocal, watchLocal, writeLocal } from '../db/local-state';

/** Terminal settings, kept as a local document of the terminal database. */
const settingsSchema = z.object({
  language: z.enum(['en', 'hi']).default('en'),
  /** The largest bill discount a cashier may give, in basis points of the bill (1000 = 10 %). */
  maxBillDiscountBp: z.number().int().min(0).max(10_000).default(1000),
  /** Whether bills may be settled partly on a customer's account (khata). */
  allowCredit: z.boolean().default(true),
  /** Paper width of the thermal printer for ESC/POS receipts. */
  receiptWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
  /** Print completed bills automatically. */
  autoPrint: z.boolean().default(false),
  /**
   * Days of sales and stock history kept on this terminal (db/local-retention.ts); older synced
   * facts are forgotten here and stay on the server, where returns fetch them from.
   */
  historyRetentionDays: z
    .number()
    .int()
    .min(MIN_RETENTION_DAYS)
    .max(3650)
    .default(DEFAULT_RETENTION_DAYS),
});

/** Terminal settings. */
export type Settings = z.infer<typeof settingsSchema>;

/** Settings of a fresh terminal. */
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

function parseSettings(data: unknown): Settings | undefined {
  const parsed = settingsSchema.safeParse(data ?? {});
  return parsed.success ? parsed.data : undefined;
}

/** Reads the settings (defaults for anything missing). */
export async function readSettings(db: TerminalDatabase): Promise<Settings> {
  return (await readLocal(db, 'settings', parseSettings)) ?? DEFAULT_SETTINGS;
}

/** Watches the settings. */
export function watchSettings(db: TerminalDatabase): Observable<Settings | undefined> {
  return watchLocal(db, 'settings', parseSettings);
}

/** Changes some settings. */
export async function updateSettings(
  db: TerminalDatabase,
  patch: Partial<Settings>,
): Promise<Settings> {
  const next = { ...(await readSettings(db)), ...patch };
  await writeLocal(db, 'settings', next);
  return next;
}
