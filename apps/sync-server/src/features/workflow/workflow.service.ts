/**
 * What other features use of transfers and purchase orders on the server (the admin routes, the
 * sync push and pull): apply a step, read a document, page a store's `documents` rows.
 */
export {
  type PushedStepRow,
  type StepActor,
  type StepResult,
  applyPurchaseOrderStep,
  applyTransferStep,
} from './workflow-steps';
export { findPurchaseOrder, findTransfer, pullWorkflowDocuments } from './workflow.queries';
export {
  type PushedStepRefusal,
  applyPushedSteps,
  lockPushedDocuments,
  pushedStepRuleBreak,
} from './workflow-push';
export { findDocumentRowsById } from './workflow.queries';
