import {
  refundCapBreak,
  refundCapMinor,
  REFUND_EXCEEDS_PAID,
  RETURN_ORIGINAL_UNKNOWN,
  type QuarantineCode,
  type RefundHistory,
  type Sale,
} from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import type { QuarantineInsert } from './quarantine.queries';
import { existingSaleIds, findStoredOriginals } from './return-refund.queries';

/** A pushed sale waiting to be stored (the push engine's hashed document). */
type Candidate = { readonly doc: Sale };

/**
 * Refuses pushed returns that refund more than their bill was paid minus earlier refunds,
 * whatever the terminal sent (issue 12, item 8; the rule is `refundCapBreak` in packages/shared,
 * the one terminals refund by is `refundOf`). A return is checked against its original sale in
 * this store, stored or earlier in the same push, and against the refunds of the returns of that
 * sale stored before it and accepted before it in this push, in push order. A return whose
 * original is unknown here, or is itself a return, cannot be shown to be within what was paid:
 * it is refused too. Refused returns move from `candidates` to `refused`, so the push quarantines
 * them and stores neither them nor their stock movements. Returns already stored (a retry or a
 * conflict) are left to the push's own classification, so a retry is never refused. Runs inside
 * the push transaction after the store's scope row is locked; two queries per push with returns.
 */
export async function refuseExcessRefunds(
  tx: Queryable,
  storeId: string,
  candidates: Candidate[],
  refused: Map<string, QuarantineInsert>,
): Promise<void> {
  const returns = candidates.filter(({ doc }) => doc.kind === 'return');
  if (returns.length === 0) return;
  const originalIds = [
    ...new Set(returns.flatMap(({ doc }) => (doc.originalSaleId ? [doc.originalSaleId] : []))),
  ];
  const stored = await findStoredOriginals(tx, storeId, originalIds);
  // Returns already stored are retries or conflicts; an original pushed here but held by a store
  // already is not going to be stored by this push.
  const existing = await existingSaleIds(tx, [...returns.map(({ doc }) => doc.id), ...originalIds]);
  const pushedSales = new Map(
    candidates.filter(({ doc }) => doc.kind === 'sale').map(({ doc }) => [doc.id, doc]),
  );
  const histories = new Map<string, RefundHistory>();
  const historyOf = (originalId: string): RefundHistory | undefined => {
    const known = histories.get(originalId);
    if (known) return known;
    const inStore = stored.get(originalId);
    const pushed = pushedSales.get(originalId);
    const history =
      inStore?.kind === 'sale'
        ? inStore
        : !existing.has(originalId) && pushed
          ? { paidMinor: pushed.totals.totalMinor, returnedNetMinor: 0, refundedMinor: 0 }
          : undefined;
    if (history) histories.set(originalId, history);
    return history;
  };
  const refuse = (doc: Sale, code: QuarantineCode, message: string) => {
    refused.set(doc.id, { documentId: doc.id, code, message, doc });
  };
  for (const { doc } of returns) {
    if (existing.has(doc.id)) continue;
    const history = doc.originalSaleId ? historyOf(doc.originalSaleId) : undefined;
    if (!doc.originalSaleId || !history) {
      refuse(
        doc,
        RETURN_ORIGINAL_UNKNOWN,
        'The return points at no sale of this store; push its sale first or under this store.',
      );
      continue;
    }
    if (refundCapBreak(history, doc.totals.totalMinor) !== null) {
      refuse(
        doc,
        REFUND_EXCEEDS_PAID,
        `The return refunds ${doc.totals.totalMinor}; only ${refundCapMinor(history)} of the ${history.paidMinor} paid is left to refund.`,
      );
      continue;
    }
    histories.set(doc.originalSaleId, {
      paidMinor: history.paidMinor,
      returnedNetMinor: history.returnedNetMinor + doc.totals.netMinor,
      refundedMinor: history.refundedMinor + doc.totals.totalMinor,
    });
  }
  for (let i = candidates.length - 1; i >= 0; i -= 1) {
    const candidate = candidates[i];
    if (candidate && refused.has(candidate.doc.id)) candidates.splice(i, 1);
  }
}
