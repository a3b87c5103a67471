import type { Actor } from '@kiryana/shared';
import { auditActorOf, setAuditActor } from './audit-actor';
import type { Db, Tx } from './db';

/**
 * Runs a change in one transaction attributed to `actor`: the audit triggers on products, prices,
 * stores, enrolment codes and devices read `kiryana.actor`, so the entry they append names the
 * person, and it commits or rolls back with the change. `fn` gets the transaction as a `Db`, so
 * existing services (device enrolment codes, revocation) run inside it unchanged; their own
 * `transaction` calls join this one.
 */
export function inActorTransaction<T>(db: Db, actor: Actor, fn: (tx: Db) => Promise<T>) {
  return db.transaction(async (tx) => {
    await setAuditActor(tx, auditActorOf(actor));
    return fn(joined(db, tx));
  });
}

function joined(db: Db, tx: Tx): Db {
  return {
    kind: db.kind,
    query: (sql, params) => tx.query(sql, params),
    exec: (sql) => tx.exec(sql),
    transaction: (inner) => inner(tx),
    listen: () => Promise.reject(new Error('LISTEN is not available inside a transaction')),
    close: () => Promise.reject(new Error('a joined transaction is closed by its owner')),
  };
}
