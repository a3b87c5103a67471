import type { Queryable } from '../../db/db';
import type { QuarantineInsert } from './quarantine.queries';
import { cashiersNotOfStore } from '../pins/pin.service';

/** The quarantine code of a pushed fact whose cashier does not work at the device's store. */
const CASHIER_NOT_IN_STORE = 'CASHIER_NOT_IN_STORE';

/** A pushed fact waiting to be stored. */
type Candidate = { readonly doc: { readonly id: string } };

/**
 * Moves pushed facts (sales, returns, movements) whose `cashierId` does not belong to the store
 * out of `candidates` and into `refused`, so the push quarantines them and the rest of the queue
 * drains. A null cashier passes for now: terminals record one once PIN sign-in is wired
 * (docs/security.md, "Cashier PINs"). One query per push, whatever its size.
 */
export async function refuseForeignCashiers(
  q: Queryable,
  storeId: string,
  candidates: Candidate[],
  refused: Map<string, QuarantineInsert>,
): Promise<void> {
  const cashierOf = (candidate: Candidate): string | null => {
    const value = (candidate.doc as { cashierId?: unknown }).cashierId;
    return typeof value === 'string' ? value : null;
  };
  const named = candidates.map(cashierOf).filter((id): id is string => id !== null);
  if (named.length === 0) return;
  const foreign = await cashiersNotOfStore(q, storeId, named);
  if (foreign.size === 0) return;
  for (let i = candidates.length - 1; i >= 0; i -= 1) {
    const candidate = candidates[i];
    const cashierId = candidate ? cashierOf(candidate) : null;
    if (!candidate || cashierId === null || !foreign.has(cashierId)) continue;
    candidates.splice(i, 1);
    refused.set(candidate.doc.id, {
      documentId: candidate.doc.id,
      code: CASHIER_NOT_IN_STORE,
      message: `Cashier ${cashierId} does not work at this store; sign in with a cashier of this store.`,
      doc: candidate.doc,
    });
  }
}
