import type { WorkflowDocument } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import {
  applyPushedSteps,
  findDocumentRowsById,
  lockPushedDocuments,
  pushedStepRuleBreak,
} from '../workflow/workflow.service';
import type { FactAdapter } from './push-adapters';

/**
 * The steps a push applied, per transaction: `refuseLocked` applies them (applying is what
 * decides whether a step is refused) and `insert`, called next in the same transaction, reports
 * them as stored.
 */
const appliedIn = new WeakMap<Queryable, string[]>();

/**
 * Transfers and purchase orders (features/workflow): terminals push their steps; the server
 * applies each to its document and writes both stores' rows, stock and events. Stream hints go
 * out at commit from the workflow itself, for every store whose rows changed, so `affects` is
 * empty here and the push takes no numbers of its own (`seqsNeeded` 0): each step takes its
 * stores' numbers as it writes.
 */
export const documentsAdapter: FactAdapter<WorkflowDocument> = {
  collection: 'documents',
  affects: [],
  ruleBreak: pushedStepRuleBreak,
  seqsNeeded: () => 0,
  async lockFirst(tx, origin, candidates) {
    await lockPushedDocuments(
      tx,
      origin.storeId,
      candidates.map(({ doc }) => doc),
    );
  },
  async refuseLocked(tx, _storeId, candidates, refused, origin) {
    const { applied, refused: refusals } = await applyPushedSteps(tx, origin, candidates);
    appliedIn.set(tx, applied);
    for (let i = candidates.length - 1; i >= 0; i -= 1) {
      const candidate = candidates[i];
      const refusal = candidate && refusals.get(candidate.doc.id);
      if (!candidate || !refusal) continue;
      candidates.splice(i, 1);
      refused.set(candidate.doc.id, {
        documentId: candidate.doc.id,
        ...refusal,
        doc: candidate.doc,
      });
    }
  },
  insert(tx) {
    const applied = appliedIn.get(tx) ?? [];
    appliedIn.delete(tx);
    return Promise.resolve(applied);
  },
  findById: findDocumentRowsById,
  businessDates: () => [],
};
