import type { Queryable } from './db';

/** Something worth an audit entry. `storeId` puts it on that store's chain, else on `global`. */
export type AuditEvent = {
  readonly kind: string;
  readonly actor: string;
  readonly storeId?: string | null;
  readonly subject?: string | null;
  readonly data?: Record<string, unknown>;
  /** When it happened (Unix ms); the database clock when omitted. */
  readonly atMs?: number;
};

/** The chain an event belongs to: its store's, else `global`. */
function chainOf(storeId: string | null | undefined): string {
  return storeId ? `store:${storeId}` : 'global';
}

/**
 * Appends an event through the database's `audit_append`, inside the caller's transaction when `q`
 * is one, so the entry commits or rolls back with the change it records.
 */
export async function appendAudit(q: Queryable, event: AuditEvent): Promise<number> {
  const { rows } = await q.query<{ seq: string }>(
    'SELECT audit_append($1, $2, $3, $4, $5, $6::jsonb, $7)::text AS seq',
    [
      chainOf(event.storeId),
      event.kind,
      event.actor,
      event.storeId ?? null,
      event.subject ?? null,
      JSON.stringify(event.data ?? {}),
      event.atMs ?? null,
    ],
  );
  return Number(rows[0]?.seq);
}
