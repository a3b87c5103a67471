import {
  checkMovementDocument,
  checkSaleDocument,
  type DocumentProblem,
  type QuarantineCode,
  type Sale,
  type StockMovement,
} from '@kiryana/shared';

/**
 * Business rules a schema-valid pushed fact must also keep. A row that breaks one is put into
 * quarantine instead of being stored, and the rest of its push commits: answering the whole push
 * with a 4xx would make RxDB resend the same row forever and wedge the terminal's queue
 * (docs/sync.md, "Quarantine"). The rules are the shared document checks of packages/shared,
 * the same functions a terminal runs before it saves a fact; a row is quarantined for the first
 * problem they list.
 */

/** Why a row was quarantined: a stable shared code and a message for the person fixing it. */
export type RuleBreak = { readonly code: QuarantineCode; readonly message: string };

/** The device a push comes from; the store is taken from its credential, never from the body. */
export type PushOrigin = { readonly storeId: string; readonly deviceId: string };

/**
 * Why a new fact pushed as deleted is quarantined. Facts are insert-only: a deletion of a stored
 * fact is answered as a conflict with the stored state (the terminal restores it), and one that
 * was made and deleted offline never reaches the books.
 */
export const FACT_DELETED: RuleBreak = {
  code: 'FACT_DELETED',
  message: 'Sales and stock movements are corrected by new documents, never deleted.',
};

/** The first business rule a pushed sale or return breaks, or null. */
export function saleRuleBreak(sale: Sale, origin: PushOrigin): RuleBreak | null {
  return firstBreak(checkSaleDocument(sale, { storeId: origin.storeId }));
}

/** The first business rule a pushed stock movement breaks, or null. */
export function movementRuleBreak(movement: StockMovement, origin: PushOrigin): RuleBreak | null {
  return firstBreak(checkMovementDocument(movement, { storeId: origin.storeId }));
}

function firstBreak(problems: readonly DocumentProblem[]): RuleBreak | null {
  const [first] = problems;
  return first ? { code: first.code, message: first.message } : null;
}
