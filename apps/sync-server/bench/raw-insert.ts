import { type Sale, saleMovements } from '@kiryana/shared';
import type { Queryable } from '../src/db/db';
import { documentHash } from '../src/db/canonical-hash';

/**
 * The baseline of the push-ingest benchmark: the same rows the push path writes (sales, their
 * reporting lines, derived movements, the stock projection, outbox events) in the same schema,
 * as plain batched `INSERT … SELECT FROM unnest(…)` statements in one transaction per batch, with
 * nothing else: no HTTP, no auth, no validation, no idempotency or conflict checks.
 */

/** Column arrays of one batch, computed before the clock starts. */
export type RawBatch = {
  readonly storeId: string;
  readonly sales: readonly Sale[];
  readonly seqsNeeded: number;
  readonly sale: unknown[][];
  readonly lines: unknown[][];
  readonly movements: unknown[][];
  readonly levels: { productIds: string[]; deltas: number[] };
  readonly outbox: unknown[][];
};

/** Prepares the column arrays of `sales` for store `storeId`. */
export function prepareRawBatch(storeId: string, sales: readonly Sale[]): RawBatch {
  const sale: unknown[][] = Array.from({ length: 12 }, () => []);
  const lines: unknown[][] = Array.from({ length: 14 }, () => []);
  const movements: unknown[][] = Array.from({ length: 7 }, () => []);
  const outbox: unknown[][] = [[], []];
  const levels = new Map<string, number>();
  for (const doc of sales) {
    const values = [
      doc.id,
      doc.kind,
      doc.terminalId,
      doc.cashierId,
      doc.invoiceNo,
      doc.originalSaleId,
      doc.businessDate,
      doc.createdAt,
      doc.totals.totalMinor,
      doc.currency,
      JSON.stringify(doc),
      documentHash(doc),
    ];
    values.forEach((value, i) => sale[i]?.push(value));
    for (const line of doc.lines) {
      const row = [
        doc.businessDate,
        doc.id,
        line.lineNo,
        doc.kind,
        line.productId,
        line.qtyBase,
        line.netMinor,
        line.taxableMinor,
        line.cgstMinor,
        line.sgstMinor,
        line.igstMinor,
        line.cessMinor,
        line.gstRateBp,
        line.hsn,
      ];
      row.forEach((value, i) => lines[i]?.push(value));
    }
    for (const movement of saleMovements(doc)) {
      const row = [
        movement.id,
        movement.productId,
        movement.kind,
        movement.qtyDeltaBase,
        movement.createdAt,
        JSON.stringify(movement),
        documentHash(movement),
      ];
      row.forEach((value, i) => movements[i]?.push(value));
      levels.set(movement.productId, (levels.get(movement.productId) ?? 0) + movement.qtyDeltaBase);
    }
    outbox[0]?.push(`sale:${doc.id}`);
    outbox[1]?.push(
      JSON.stringify({ saleId: doc.id, kind: doc.kind, totalMinor: doc.totals.totalMinor }),
    );
  }
  const seqsNeeded = sales.length + (movements[0]?.length ?? 0) + levels.size;
  return {
    storeId,
    sales,
    seqsNeeded,
    sale,
    lines,
    movements,
    levels: { productIds: [...levels.keys()], deltas: [...levels.values()] },
    outbox,
  };
}

/** Writes one prepared batch in one transaction. */
export async function insertRawBatch(
  db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
  batch: RawBatch,
): Promise<void> {
  await db.transaction(async (tx) => {
    const block = await tx.query<{ last: string }>(
      `INSERT INTO sync_scope AS s (scope, last_seq) VALUES ($1, $2)
       ON CONFLICT (scope) DO UPDATE SET last_seq = s.last_seq + EXCLUDED.last_seq
       RETURNING s.last_seq::text AS last`,
      [`store:${batch.storeId}`, batch.seqsNeeded],
    );
    const base = BigInt(block.rows[0]?.last ?? '0') - BigInt(batch.seqsNeeded);
    const saleCount = batch.sales.length;
    const movementCount = batch.movements[0]?.length ?? 0;
    await tx.query(
      `INSERT INTO sales (store_id, id, seq, kind, terminal_id, cashier_id, invoice_no, original_sale_id,
                          business_date, created_at, total_minor, currency, doc, doc_hash)
       SELECT $1, id, $2::bigint + n, kind, terminal_id, cashier_id, invoice_no, original_sale_id,
              business_date, created_at, total_minor, currency, doc, doc_hash
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::date[],
                     $10::timestamptz[], $11::bigint[], $12::text[], $13::jsonb[], $14::text[])
              WITH ORDINALITY AS t(id, kind, terminal_id, cashier_id, invoice_no, original_sale_id,
                                   business_date, created_at, total_minor, currency, doc, doc_hash, n)`,
      [batch.storeId, base.toString(), ...batch.sale],
    );
    await tx.query(
      `INSERT INTO sale_lines (store_id, business_date, sale_id, line_no, kind, product_id, qty_base,
                               net_minor, taxable_minor, cgst_minor, sgst_minor, igst_minor, cess_minor,
                               gst_rate_bp, hsn)
       SELECT $1, d, s, l, k, p, q, net, tx, c, sg, i, ce, r, h
         FROM unnest($2::date[], $3::uuid[], $4::int[], $5::text[], $6::text[], $7::bigint[], $8::bigint[],
                     $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[], $14::int[],
                     $15::text[])
              AS t(d, s, l, k, p, q, net, tx, c, sg, i, ce, r, h)`,
      [batch.storeId, ...batch.lines],
    );
    await tx.query(
      `INSERT INTO stock_movements (store_id, id, seq, product_id, kind, qty_delta_base, created_at, doc, doc_hash)
       SELECT $1, id, $2::bigint + n, product_id, kind, qty, created_at, doc, doc_hash
         FROM unnest($3::text[], $4::text[], $5::text[], $6::bigint[], $7::timestamptz[], $8::jsonb[], $9::text[])
              WITH ORDINALITY AS t(id, product_id, kind, qty, created_at, doc, doc_hash, n)`,
      [batch.storeId, (base + BigInt(saleCount)).toString(), ...batch.movements],
    );
    await tx.query(
      `INSERT INTO stock_levels AS sl (store_id, product_id, qty_base, seq)
       SELECT $1, p, d, $2::bigint + n FROM unnest($3::text[], $4::bigint[]) WITH ORDINALITY AS t(p, d, n)
       ON CONFLICT (store_id, product_id) DO UPDATE SET qty_base = sl.qty_base + EXCLUDED.qty_base, seq = EXCLUDED.seq`,
      [
        batch.storeId,
        (base + BigInt(saleCount + movementCount)).toString(),
        batch.levels.productIds,
        batch.levels.deltas,
      ],
    );
    await tx.query(
      `INSERT INTO outbox (store_id, event_key, topic, payload)
       SELECT $1, k, 'sale.recorded', p FROM unnest($2::text[], $3::jsonb[]) AS t(k, p)`,
      [batch.storeId, ...batch.outbox],
    );
  });
}
