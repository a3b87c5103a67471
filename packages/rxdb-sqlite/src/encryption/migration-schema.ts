import { fillWithDefaultSettings } from 'rxdb/plugins/core';
import type { RxDocumentData, RxJsonSchema } from 'rxdb/plugins/core';

/** A bill of the migration test: enough fields to tell a lost or mangled document. */
export type MigrationDoc = { id: string; customer: string; totalMinor: number };

/** The schema of the migration test's bills, with one index so the file has one. */
export const migrationSchema: RxJsonSchema<RxDocumentData<MigrationDoc>> = fillWithDefaultSettings({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 20 },
    customer: { type: 'string', maxLength: 40 },
    totalMinor: { type: 'integer', minimum: 0, maximum: 1_000_000_000, multipleOf: 1 },
  },
  required: ['id', 'customer', 'totalMinor'],
  indexes: ['totalMinor'],
});

/** The n-th bill the migration test writes, exactly as the storage must give it back. */
export function migrationBill(n: number): RxDocumentData<MigrationDoc> {
  return {
    id: `bill-${String(n).padStart(6, '0')}`,
    customer: `customer ${n}`,
    totalMinor: n * 100 + 50,
    _deleted: false,
    _rev: '1-s',
    _meta: { lwt: 1_000 + n },
    _attachments: {},
  };
}
