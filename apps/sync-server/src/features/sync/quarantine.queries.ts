import type { PushableCollection, QuarantineCode } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { outboxInsertCtes } from '../../db/outbox-write';

/**
 * A pushed row refused by a business rule. `doc` is the device's own pushed document; `code` is
 * one of the shared quarantine codes, so no rule invents a code of its own.
 */
export type QuarantineInsert = {
  readonly documentId: string;
  readonly code: QuarantineCode;
  readonly message: string;
  readonly doc: unknown;
};

/**
 * Records refused rows of one push, once per (store, collection, document id): a terminal
 * resending the same poison row adds nothing. Each first entry also writes an outbox event, so
 * the store's manager is told.
 */
export async function insertQuarantine(
  tx: Queryable,
  input: {
    readonly storeId: string;
    readonly deviceId: string;
    readonly collection: PushableCollection;
    readonly rows: readonly QuarantineInsert[];
  },
): Promise<void> {
  await tx.query(
    `WITH q AS (
       INSERT INTO quarantine (store_id, collection, document_id, device_id, code, message, doc)
       SELECT $1, $2, r."documentId", $3, r.code, r.message, r.doc
         FROM jsonb_to_recordset($4::jsonb) AS r("documentId" text, code text, message text, doc jsonb)
       ON CONFLICT (store_id, collection, document_id) DO NOTHING
       RETURNING store_id, collection, document_id, code
     ),
     ${outboxInsertCtes('$1', [
       `SELECT 'quarantine:' || collection || ':' || document_id AS event_key,
               'sync.quarantined' AS topic,
               jsonb_build_object('collection', collection, 'documentId', document_id, 'code', code,
                                  'deviceId', $3::text) AS payload,
               now() AS occurred_at
          FROM q`,
     ])}
     SELECT 1`,
    [input.storeId, input.collection, input.deviceId, JSON.stringify(input.rows)],
  );
}

/** A store's open quarantine entries, oldest first (for managers and tests). */
export async function listQuarantine(
  q: Queryable,
  storeId: string,
): Promise<{ collection: string; documentId: string; code: string; deviceId: string | null }[]> {
  const result = await q.query<{
    collection: string;
    document_id: string;
    code: string;
    device_id: string | null;
  }>(
    `SELECT collection, document_id, code, device_id FROM quarantine
      WHERE store_id = $1 AND resolved_at IS NULL ORDER BY id`,
    [storeId],
  );
  return result.rows.map((row) => ({
    collection: row.collection,
    documentId: row.document_id,
    code: row.code,
    deviceId: row.device_id,
  }));
}
