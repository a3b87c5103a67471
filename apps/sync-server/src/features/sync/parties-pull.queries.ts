import { PARTY_SCHEMA_VERSION, type Party } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import type { PulledRow } from '../../db/pulled-row';
import { intOf, isoTimestamp } from '../../db/row-values';

type PartyRow = {
  seq: string;
  id: string;
  linked: boolean;
  name: string;
  gstin: string | null;
  state_code: string;
  payment_terms_days: number;
  lead_time_days: number;
  active: boolean;
  updated_at: Date | string;
  products: {
    productId: string;
    orderUnitName: string;
    baseUnitsPerOrderUnit: number;
    lastCostMinorPerOrderUnit: number | string | null;
  }[];
};

/**
 * The suppliers of the device's store changed after `afterSeq` (migration 0610, `store_parties`):
 * one row per supplier ever linked to the store, with the supplier's fields as they are now. A
 * supplier unlinked from the store comes as deleted; a retired one with `active` false. The store
 * is a parameter inside the SQL, before the LIMIT, so a page is never shortened by a later filter.
 */
export async function pullParties(
  q: Queryable,
  storeId: string,
  afterSeq: string,
  limit: number,
): Promise<PulledRow<Party>[]> {
  const result = await q.query<PartyRow>(
    `SELECT sp.seq::text AS seq, s.id, sp.linked, s.name, s.gstin, s.state_code,
            s.payment_terms_days, s.lead_time_days, s.active,
            GREATEST(s.updated_at, sp.updated_at) AS updated_at,
            COALESCE((SELECT json_agg(json_build_object(
                               'productId', p.product_id,
                               'orderUnitName', p.order_unit_name,
                               'baseUnitsPerOrderUnit', p.base_units_per_order_unit,
                               'lastCostMinorPerOrderUnit', p.last_cost_minor_per_order_unit)
                             ORDER BY p.product_id)
                        FROM supplier_products p WHERE p.supplier_id = s.id), '[]'::json) AS products
       FROM store_parties sp JOIN suppliers s ON s.id = sp.party_id
      WHERE sp.store_id = $3 AND sp.kind = 'supplier' AND sp.seq > $1::bigint
      ORDER BY sp.seq LIMIT $2`,
    [afterSeq, limit, storeId],
  );
  return result.rows.map((row) => ({
    seq: row.seq,
    document: {
      id: row.id,
      schemaVersion: PARTY_SCHEMA_VERSION,
      kind: 'supplier',
      name: row.name,
      gstin: row.gstin,
      stateCode: row.state_code,
      paymentTermsDays: row.payment_terms_days,
      leadTimeDays: row.lead_time_days,
      // An unlinked supplier's products are none of the store's business any more.
      products: row.linked
        ? row.products.map((p) => ({
            productId: p.productId,
            orderUnitName: p.orderUnitName,
            baseUnitsPerOrderUnit: p.baseUnitsPerOrderUnit,
            lastCostMinorPerOrderUnit:
              p.lastCostMinorPerOrderUnit === null ? null : intOf(p.lastCostMinorPerOrderUnit),
          }))
        : [],
      active: row.active,
      updatedAt: isoTimestamp(row.updated_at),
      _deleted: !row.linked,
    },
  }));
}
