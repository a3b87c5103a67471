/** Shared by the multi-process test and its child processes. */
import { fillWithDefaultSettings } from 'rxdb/plugins/core';

/** The shared counter (id 'counter') or a receipt (id `receipt-<value>`). */
export type CounterDoc = { id: string; value: number; writer: string };

/** Schema of the counters collection. */
export const counterSchema = fillWithDefaultSettings<CounterDoc>({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 20 },
    value: { type: 'integer', minimum: 0, maximum: 1_000_000, multipleOf: 1 },
    writer: { type: 'string', maxLength: 10 },
  },
  required: ['id', 'value', 'writer'],
  indexes: ['writer'],
});

/** Successful increments each child makes. */
export const ROUNDS = 60;
