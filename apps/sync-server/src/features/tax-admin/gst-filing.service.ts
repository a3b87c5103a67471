import { type Actor, AppError, type gstFilingBodySchema } from '@kiryana/shared';
import type { z } from 'zod';
import { auditActorOf } from '../../db/audit-actor';
import { inActorTransaction } from '../../db/actor-transaction';
import type { TaxAdminDeps } from './tax-class.service';

/** A month's GSTR-1 marked filed (`gstFilingSchema`). */
export type GstFilingView = {
  gstin: string;
  period: string;
  filedAt: string;
  filedBy: string;
  arn: string | null;
};

type FilingRow = {
  gstin: string;
  period: string;
  filed_at: Date | string;
  filed_by: string;
  arn: string | null;
};

/** The filings, newest period first, of one GSTIN or all. */
export async function gstFilings(
  deps: TaxAdminDeps,
  gstin: string | null,
): Promise<GstFilingView[]> {
  const { rows } = await deps.db.query<FilingRow>(
    // `filed_by` is the audit name (`user:<id>`); the list shows the person's name when known.
    `SELECT f.gstin, f.period, f.filed_at, coalesce(u.display_name, f.filed_by) AS filed_by, f.arn
       FROM gst_filings f LEFT JOIN users u ON f.filed_by = u.kind || ':' || u.id
      WHERE $1::text IS NULL OR f.gstin = $1 ORDER BY f.period DESC, f.gstin`,
    [gstin],
  );
  return rows.map(viewOf);
}

/**
 * Marks a month's GSTR-1 filed for a GSTIN of the chain (a store's). A month is filed once per
 * GSTIN: the second mark is a 409, and the first stays as it was. Audited by the table's trigger
 * (migration 0620) under the caller's name.
 */
export async function markFiled(
  deps: TaxAdminDeps,
  actor: Actor,
  body: z.output<typeof gstFilingBodySchema>,
): Promise<GstFilingView> {
  return inActorTransaction(deps.db, actor, async (tx) => {
    const known = await tx.query('SELECT 1 FROM stores WHERE gstin = $1 AND NOT deleted LIMIT 1', [
      body.gstin,
    ]);
    if (known.rows.length === 0) {
      throw new AppError('VALIDATION_FAILED', `No store of the chain has GSTIN ${body.gstin}.`, {
        fields: [{ path: 'gstin', message: 'not a GSTIN of the chain' }],
      });
    }
    const { rows } = await tx.query<FilingRow>(
      `INSERT INTO gst_filings (gstin, period, filed_by, arn) VALUES ($1, $2, $3, $4)
       ON CONFLICT (gstin, period) DO NOTHING RETURNING gstin, period, filed_at, filed_by, arn`,
      [body.gstin, body.period, auditActorOf(actor), body.arn === '' ? null : body.arn],
    );
    const row = rows[0];
    if (!row) {
      throw new AppError(
        'CONFLICT',
        `GSTR-1 of ${body.period} is already filed for ${body.gstin}.`,
        {
          field: 'period',
        },
      );
    }
    return viewOf(row);
  });
}

function viewOf(row: FilingRow): GstFilingView {
  return {
    gstin: row.gstin,
    period: row.period,
    filedAt: new Date(row.filed_at).toISOString(),
    filedBy: row.filed_by,
    arn: row.arn,
  };
}
