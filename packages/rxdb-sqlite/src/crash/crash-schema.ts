/** Shared by the crash test and its child process. */
import { fillWithDefaultSettings } from 'rxdb/plugins/core';

/** A bill line written by the crash test, or the counter document (id 'counter'). */
export type CrashDoc = { id: string; batch: number; line: number; totalMinor: number };

/** Schema shared by the writer and the test's verification. */
export const crashSchema = fillWithDefaultSettings<CrashDoc>({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 20 },
    batch: { type: 'integer', minimum: 0, maximum: 1_000_000, multipleOf: 1 },
    line: { type: 'integer', minimum: 0, maximum: 1000, multipleOf: 1 },
    totalMinor: { type: 'integer', minimum: 0, maximum: 1_000_000_000, multipleOf: 1 },
  },
  required: ['id', 'batch', 'line', 'totalMinor'],
  indexes: ['batch'],
});

/** Documents per bulk besides the counter. */
export const BULK_SIZE = 25;
