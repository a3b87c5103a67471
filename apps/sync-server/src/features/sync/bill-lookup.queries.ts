import type { BillLookupQuery, BillLookupResponse, Sale } from '@kiryana/shared';
import type { Queryable } from '../../db/db';

/**
 * One bill of a store and the returns made against it, for a terminal that no longer keeps the
 * bill locally (GET /v1/sync/bill). The store is always a parameter in the WHERE: another store's
 * bill is simply not found. Served by `sales_invoice_idx (store_id, invoice_no)` or the primary
 * key, and `sales_returns_of_idx (store_id, original_sale_id)` (migration 0431).
 */
export async function findBillWithReturns(
  q: Queryable,
  storeId: string,
  query: BillLookupQuery,
): Promise<BillLookupResponse | undefined> {
  const bill =
    query.id !== undefined
      ? await q.query<{ id: string; doc: Sale }>(
          `SELECT id::text AS id, doc FROM sales
            WHERE store_id = $1 AND id = $2::uuid AND kind = 'sale'`,
          [storeId, query.id],
        )
      : await q.query<{ id: string; doc: Sale }>(
          // Invoice numbers are unique per series; the oldest wins should a terminal ever have
          // reused one (a restored series), as on the printed bill the customer holds.
          `SELECT id::text AS id, doc FROM sales
            WHERE store_id = $1 AND invoice_no = $2 AND kind = 'sale'
            ORDER BY created_at, id LIMIT 1`,
          [storeId, query.invoiceNo],
        );
  const row = bill.rows[0];
  if (row === undefined) return undefined;
  const returns = await q.query<{ doc: Sale }>(
    `SELECT doc FROM sales
      WHERE store_id = $1 AND original_sale_id = $2::uuid AND kind = 'return'
      ORDER BY created_at, id`,
    [storeId, row.id],
  );
  return { sale: row.doc, returns: returns.rows.map((r) => r.doc) };
}
