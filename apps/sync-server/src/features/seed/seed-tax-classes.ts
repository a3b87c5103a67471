import { INDIAN_TAX_CLASSES } from '@kiryana/shared';
import type { Queryable } from '../../db/db';

/**
 * The HSN prefixes a product of a demo class must start with, only where the rate notification
 * names the headings (19/2025-Central Tax (Rate), docs/gst.md "Schedule"): pan masala 2106 90 20,
 * biris 2403 19 21 / 29, tobacco 2401, 2402, 2403, 2404 11 00, 2404 19 00. Every other class
 * covers goods of many chapters, so it stays open (any HSN).
 */
export const SEED_HSN_PREFIXES: Readonly<Record<string, readonly string[]>> = {
  'gst-28-cess-pan-masala': ['21069020'],
  'gst-biris': ['2403192'],
  'gst-tobacco': ['2401', '2402', '2403', '240411', '240419'],
};

/**
 * Writes the demo tax classes: the rate rows' trigger has created each class already (migration
 * 0620), this sets the class's own description and its HSN prefixes.
 */
export async function insertTaxClasses(q: Queryable): Promise<void> {
  await q.query(
    `INSERT INTO tax_classes AS c (id, description, hsn_prefixes)
     SELECT r.id, r.description, coalesce(
              (SELECT array_agg(p) FROM jsonb_array_elements_text($3::jsonb -> r.id) AS p), '{}')
       FROM unnest($1::text[], $2::text[]) AS r(id, description)
     ON CONFLICT (id) DO UPDATE SET description = EXCLUDED.description,
       hsn_prefixes = EXCLUDED.hsn_prefixes, updated_at = now()`,
    [
      INDIAN_TAX_CLASSES.map((c) => c.id),
      INDIAN_TAX_CLASSES.map((c) => c.description),
      JSON.stringify(SEED_HSN_PREFIXES),
    ],
  );
}
