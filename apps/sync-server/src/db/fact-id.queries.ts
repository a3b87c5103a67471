import type { PushableCollection } from '@kiryana/shared';

/** Where each pushable collection's facts live and the SQL type of their ids. */
const FACT_TABLES = {
  sales: { table: 'sales', idType: 'uuid' },
  'stock-movements': { table: 'stock_movements', idType: 'text' },
  documents: { table: 'workflow_documents', idType: 'text' },
} as const satisfies Record<PushableCollection, { table: string; idType: 'uuid' | 'text' }>;

/**
 * The `WITH` item `claim` that claims, for the pushing store, every pushed id that no store holds
 * yet, and returns the ids it claimed (as text; a uuid in its canonical form). The fact insert that
 * follows stores only those. Why a claim and not just `NOT EXISTS`: pushes of different stores
 * lock different scopes and cannot see each other's uncommitted rows, but they do meet on the
 * primary key of `fact_ids` (migration 0420): the second claimer of an id waits for the first to
 * commit, then skips it, so exactly one store stores the id and the other classifies it as
 * ID_IN_OTHER_SCOPE. Ids are claimed in sorted order, so two pushes sharing ids cannot deadlock.
 * The `NOT EXISTS` keeps out ids stored without a claim (seeds, back-office SQL).
 */
export function claimIdsCte(input: {
  readonly collection: PushableCollection;
  /** The parameter holding the pushing store's id, e.g. `$1`. */
  readonly storeParam: string;
  /** The parameter holding the `[{seq, hash, doc}]` jsonb array of the push. */
  readonly rowsParam: string;
}): string {
  const { table, idType } = FACT_TABLES[input.collection];
  const id = `(c.doc->>'id')::${idType}`;
  return `claim AS (
    INSERT INTO fact_ids (id, collection, store_id)
    SELECT ${id}::text, '${input.collection}', ${input.storeParam}
      FROM jsonb_to_recordset(${input.rowsParam}::jsonb) AS c(doc jsonb)
     WHERE NOT EXISTS (SELECT 1 FROM ${table} o WHERE o.id = ${id})
     ORDER BY 1
    ON CONFLICT DO NOTHING
    RETURNING id
  )`;
}
