import type { Queryable } from '../../db/db';
import { intOf } from '../../db/row-values';

/** One effective-dated rate row as the admin API answers it (`taxRateRowSchema`). */
type TaxRateView = {
  id: string;
  rateBp: number;
  cessBp: number;
  cessSpecificMinor: number;
  cessSpecificPerQty: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  description: string;
  updatedAt: string;
};

/** A tax class with its rates newest first (`taxClassSchema`). */
export type TaxClassView = {
  taxClassId: string;
  description: string;
  hsnPrefixes: string[];
  rates: TaxRateView[];
  productCount: number;
};

type ClassRow = { id: string; description: string; hsn_prefixes: string[]; products: string };
type RateRow = {
  id: string;
  tax_class_id: string;
  rate_bp: number;
  cess_bp: number;
  cess_specific_minor: string | number;
  cess_specific_per_qty: number;
  effective_from: string;
  effective_to: string | null;
  description: string;
  updated_at: Date | string;
};

/** Every class (or the one of `id`) with its live rate rows, newest first, and product counts. */
export async function listTaxClasses(
  q: Queryable,
  id: string | null = null,
): Promise<TaxClassView[]> {
  const classes = await q.query<ClassRow>(
    `SELECT c.id, c.description, c.hsn_prefixes,
            (SELECT count(*) FROM products p WHERE p.tax_class_id = c.id AND NOT p.deleted)::text AS products
       FROM tax_classes c WHERE $1::text IS NULL OR c.id = $1 ORDER BY c.id`,
    [id],
  );
  const rates = await q.query<RateRow>(
    `SELECT id, tax_class_id, rate_bp, cess_bp, cess_specific_minor, cess_specific_per_qty,
            to_char(effective_from, 'YYYY-MM-DD') AS effective_from,
            to_char(effective_to, 'YYYY-MM-DD') AS effective_to, description, updated_at
       FROM tax_rates WHERE NOT deleted AND ($1::text IS NULL OR tax_class_id = $1)
      ORDER BY tax_class_id, effective_from DESC`,
    [id],
  );
  return classes.rows.map((c) => ({
    taxClassId: c.id,
    description: c.description,
    hsnPrefixes: c.hsn_prefixes,
    productCount: Number(c.products),
    rates: rates.rows
      .filter((r) => r.tax_class_id === c.id)
      .map((r) => ({
        id: r.id,
        rateBp: r.rate_bp,
        cessBp: r.cess_bp,
        cessSpecificMinor: intOf(r.cess_specific_minor),
        cessSpecificPerQty: r.cess_specific_per_qty,
        effectiveFrom: r.effective_from,
        effectiveTo: r.effective_to,
        description: r.description,
        updatedAt: new Date(r.updated_at).toISOString(),
      })),
  }));
}

/** Locks a class for a change (rate changes of one class are serialised); false if none. */
export async function lockTaxClass(q: Queryable, id: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM tax_classes WHERE id = $1 FOR UPDATE', [id]);
  return rows.length > 0;
}

/** Creates a class; false when the id is taken. */
export async function insertTaxClass(
  q: Queryable,
  input: { taxClassId: string; description: string; hsnPrefixes: readonly string[] },
): Promise<boolean> {
  const { rows } = await q.query(
    `INSERT INTO tax_classes (id, description, hsn_prefixes) VALUES ($1, $2, $3::text[])
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [input.taxClassId, input.description, input.hsnPrefixes],
  );
  return rows.length > 0;
}

/** Replaces a class's description and HSN prefixes; false when there is no such class. */
export async function updateTaxClass(
  q: Queryable,
  id: string,
  input: { description: string; hsnPrefixes: readonly string[] },
): Promise<boolean> {
  const { rows } = await q.query(
    `UPDATE tax_classes SET description = $2, hsn_prefixes = $3::text[], updated_at = now()
      WHERE id = $1 RETURNING id`,
    [id, input.description, input.hsnPrefixes],
  );
  return rows.length > 0;
}

/** The HSN prefixes of a class (empty: any HSN), or null when the class is unknown. */
export async function hsnPrefixesOf(q: Queryable, id: string): Promise<string[] | null> {
  const { rows } = await q.query<{ hsn_prefixes: string[] }>(
    'SELECT hsn_prefixes FROM tax_classes WHERE id = $1',
    [id],
  );
  return rows[0]?.hsn_prefixes ?? null;
}

/** The HSN prefixes of every class that has some. */
export async function allHsnPrefixes(q: Queryable): Promise<Map<string, string[]>> {
  const { rows } = await q.query<{ id: string; hsn_prefixes: string[] }>(
    "SELECT id, hsn_prefixes FROM tax_classes WHERE hsn_prefixes <> '{}'",
  );
  return new Map(rows.map((r) => [r.id, r.hsn_prefixes]));
}

/** The change a fact id already applied, if any. */
export async function changeOfFact(
  q: Queryable,
  factId: string,
): Promise<{ taxClassId: string; rateId: string } | null> {
  const { rows } = await q.query<{ tax_class_id: string; rate_id: string }>(
    'SELECT tax_class_id, rate_id FROM tax_rate_changes WHERE fact_id = $1',
    [factId],
  );
  const row = rows[0];
  return row ? { taxClassId: row.tax_class_id, rateId: row.rate_id } : null;
}

/** Records that a fact id's change was applied (same transaction as the change). */
export async function recordChange(
  q: Queryable,
  factId: string,
  taxClassId: string,
  rateId: string,
): Promise<void> {
  await q.query(
    'INSERT INTO tax_rate_changes (fact_id, tax_class_id, rate_id) VALUES ($1, $2, $3)',
    [factId, taxClassId, rateId],
  );
}

/** The latest start date of a live row of the class after `date`, or null. */
export async function laterRowStart(
  q: Queryable,
  taxClassId: string,
  date: string,
): Promise<string | null> {
  const { rows } = await q.query<{ d: string }>(
    `SELECT to_char(max(effective_from), 'YYYY-MM-DD') AS d FROM tax_rates
      WHERE tax_class_id = $1 AND NOT deleted AND effective_from > $2::date`,
    [taxClassId, date],
  );
  return rows[0]?.d ?? null;
}

/** The filings (GSTIN, period) of `period` or later: a change from that month re-prices them. */
export async function filingsFrom(
  q: Queryable,
  period: string,
): Promise<{ gstin: string; period: string }[]> {
  const { rows } = await q.query<{ gstin: string; period: string }>(
    'SELECT gstin, period FROM gst_filings WHERE period >= $1 ORDER BY period, gstin',
    [period],
  );
  return rows;
}

/** A rate as it is written: the new row's figures. */
export type RateWrite = {
  rateBp: number;
  cessBp: number;
  cessSpecificMinor: number;
  cessSpecificPerQty: number;
  effectiveFrom: string;
  description: string;
};

/**
 * Applies a rate change (the caller holds the class lock and has refused later rows): the row in
 * force on the date is closed on it, and the row `<class>@<date>` is written (replacing that day's
 * row if there is one, reviving a withdrawn one). Returns the new row's id.
 */
export async function writeRateChange(
  q: Queryable,
  taxClassId: string,
  rate: RateWrite,
): Promise<string> {
  const id = `${taxClassId}@${rate.effectiveFrom}`;
  await q.query(
    `UPDATE tax_rates SET effective_to = $2::date, updated_at = now()
      WHERE tax_class_id = $1 AND NOT deleted AND effective_from < $2::date
        AND (effective_to IS NULL OR effective_to > $2::date)`,
    [taxClassId, rate.effectiveFrom],
  );
  // Another row starting that day under an older id (written by hand) gives way to this one.
  await q.query(
    `UPDATE tax_rates SET deleted = true, updated_at = now()
      WHERE tax_class_id = $1 AND NOT deleted AND effective_from = $2::date AND id <> $3`,
    [taxClassId, rate.effectiveFrom, id],
  );
  await q.query(
    `INSERT INTO tax_rates (id, tax_class_id, rate_bp, cess_bp, cess_specific_minor, cess_specific_per_qty,
                            effective_from, effective_to, description)
     VALUES ($1, $2, $3, $4, $5, $6, $7::date, NULL, $8)
     ON CONFLICT (id) DO UPDATE SET rate_bp = $3, cess_bp = $4, cess_specific_minor = $5,
       cess_specific_per_qty = $6, effective_to = NULL, description = $8, deleted = false,
       updated_at = now()`,
    [
      id,
      taxClassId,
      rate.rateBp,
      rate.cessBp,
      rate.cessSpecificMinor,
      rate.cessSpecificPerQty,
      rate.effectiveFrom,
      rate.description,
    ],
  );
  return id;
}
