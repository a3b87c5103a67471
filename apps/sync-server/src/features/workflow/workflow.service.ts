/**
 * What other features use of transfers and purchase orders on the server (the admin routes, the
 * sync push and pull): apply a step, read a document, page a store's `documents` rows.
 */
export { type StepActor, applyPurchaseOrderStep, applyTransferStep } from './workflow-steps';
export { findPurchaseOrder, findTransfer, pullWorkflowDocuments } from './workflow.queries';
export { applyPushedSteps, lockPushedDocuments, pushedStepRuleBreak } from './workflow-push';
export { findDocumentRowsById } from './workflow.queries';
