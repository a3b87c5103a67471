import type { Actor } from '@kiryana/shared';
import type { Queryable } from './db';

/**
 * How an actor is named in the audit log: the `actor` of entries the services append, and the
 * `kiryana.actor` setting the audit triggers (migration 0201) read for the entries they write.
 */
export function auditActorOf(actor: Actor): string {
  return `${actor.kind}:${actor.id}`;
}

/** Attributes trigger-written entries of this transaction (reference data, revocations) to `actor`. */
export async function setAuditActor(q: Queryable, actor: string): Promise<void> {
  await q.query("SELECT set_config('kiryana.actor', $1, true)", [actor]);
}
