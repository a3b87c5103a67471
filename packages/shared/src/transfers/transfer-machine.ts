import type { ErrorCode } from '../errors/error-codes';
import type { TransferFact, TransferRequestFact } from './transfer-facts';
import {
  isDispatchComplete,
  lineOpenDiscrepancy,
  linePendingArrival,
  transferStatusOf,
  type TransferLineState,
  type TransferState,
} from './transfer-state';

/**
 * The transfer state machine: `applyTransferFact(state, fact)` is pure and total. A step that is
 * not allowed returns an error with a shared code and leaves the document as it was.
 */

/**
 * A movement a transfer step causes. `transfer_out` (negative, source shelf) and `transfer_in`
 * (positive, destination shelf) are stock movements of those kinds. `transit_write_off` is the
 * transfer's own kind: the quantity a manager accounted as lost on the way, positive, on no shelf
 * (storeId null), so that a transfer's movements always sum to −(in transit), and to 0 once closed.
 */
export type TransferMovement = {
  /** `${factId}:${n}`, n from 1 in line order: the same fact always gives the same ids. */
  readonly id: string;
  readonly transferId: string;
  readonly factId: string;
  readonly kind: 'transfer_out' | 'transfer_in' | 'transit_write_off';
  readonly storeId: string | null;
  readonly productId: string;
  readonly qtyDeltaBase: number;
};

/** A refused step: its code and a message for people. */
export type TransferRefusal = {
  readonly error: { readonly code: ErrorCode; readonly message: string };
};

/** The outcome of a step: the new document and the movements it causes, or a refusal. */
export type TransferStepResult =
  | { readonly state: TransferState; readonly movements: readonly TransferMovement[] }
  | TransferRefusal;

function refuse(code: ErrorCode, message: string): TransferRefusal {
  return { error: { code, message } };
}

function withFact(
  state: Omit<TransferState, 'status' | 'appliedFactIds'> & { appliedFactIds: readonly string[] },
  factId: string,
): TransferState {
  const appliedFactIds = [...state.appliedFactIds, factId].sort();
  const next = { ...state, appliedFactIds };
  return { ...next, status: transferStatusOf(next) };
}

function create(fact: TransferRequestFact): TransferStepResult {
  if (fact.fromStoreId === fact.toStoreId) {
    return refuse('VALIDATION_FAILED', 'A transfer moves stock between two different stores.');
  }
  const lines: TransferLineState[] = [...fact.lines]
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0))
    .map((l) => ({
      productId: l.productId,
      requestedQtyBase: l.qtyBase,
      approvedQtyBase: l.qtyBase,
      dispatchedQtyBase: 0,
      arrivedQtyBase: 0,
      shortQtyBase: 0,
      damagedQtyBase: 0,
      foundQtyBase: 0,
      writtenOffQtyBase: 0,
    }));
  const state = withFact(
    {
      transferId: fact.transferId,
      fromStoreId: fact.fromStoreId,
      toStoreId: fact.toStoreId,
      requested: { by: fact.actorId, at: fact.at },
      approved: null,
      cancelled: null,
      lines,
      appliedFactIds: [],
    },
    fact.factId,
  );
  return { state, movements: [] };
}

/**
 * Applies one step to a transfer (null before its request). A fact already applied is a no-op
 * with no movements, so replays never double a movement.
 * @example
 * const r1 = applyTransferFact(null, request); // { state: { status: 'requested', … }, movements: [] }
 * const r2 = applyTransferFact(r1.state, dispatch); // { error: { code: 'TRANSITION_NOT_ALLOWED', … } } before approval
 */
export function applyTransferFact(
  state: TransferState | null,
  fact: TransferFact,
): TransferStepResult {
  if (state === null) {
    if (fact.type !== 'request') return refuse('NOT_FOUND', 'No such transfer.');
    return create(fact);
  }
  if (fact.transferId !== state.transferId) {
    return refuse('VALIDATION_FAILED', 'The step belongs to another transfer.');
  }
  if (state.appliedFactIds.includes(fact.factId)) return { state, movements: [] };
  if (state.status === 'closed' || state.status === 'cancelled') {
    return refuse(
      'DOCUMENT_CLOSED',
      `The transfer is ${state.status}: it accepts no further step.`,
    );
  }
  switch (fact.type) {
    case 'request':
      return refuse('CONFLICT', 'The transfer exists already.');
    case 'approve':
      return approve(state, fact);
    case 'dispatch':
      return dispatch(state, fact);
    case 'receive':
      return receive(state, fact);
    case 'resolve':
      return resolve(state, fact);
    case 'cancel':
      return cancel(state, fact);
  }
}

type FactOf<T extends TransferFact['type']> = Extract<TransferFact, { type: T }>;

/** The state's line for each product of a step, or the refusal naming the first unknown one. */
function linesFor<L extends { productId: string }>(
  state: TransferState,
  stepLines: readonly L[],
): { pairs: { line: TransferLineState; step: L }[] } | TransferRefusal {
  const pairs: { line: TransferLineState; step: L }[] = [];
  for (const step of stepLines) {
    const line = state.lines.find((l) => l.productId === step.productId);
    if (line === undefined) {
      return refuse('UNKNOWN_LINE', `Product ${step.productId} is not on this transfer.`);
    }
    pairs.push({ line, step });
  }
  return { pairs };
}

function replaceLines(
  state: TransferState,
  changed: ReadonlyMap<string, TransferLineState>,
): TransferLineState[] {
  return state.lines.map((l) => changed.get(l.productId) ?? l);
}

function approve(state: TransferState, fact: FactOf<'approve'>): TransferStepResult {
  if (state.status !== 'requested') {
    return refuse(
      'TRANSITION_NOT_ALLOWED',
      `Only a requested transfer can be approved (it is ${state.status}).`,
    );
  }
  const found = linesFor(state, fact.lines ?? []);
  if ('error' in found) return found;
  const changed = new Map<string, TransferLineState>();
  for (const { line, step } of found.pairs) {
    if (step.qtyBase > line.requestedQtyBase) {
      return refuse(
        'QTY_EXCEEDS_OPEN',
        `Approval of ${step.productId} exceeds the requested quantity.`,
      );
    }
    changed.set(line.productId, { ...line, approvedQtyBase: step.qtyBase });
  }
  const lines = replaceLines(state, changed);
  if (lines.every((l) => l.approvedQtyBase === 0)) {
    return refuse('VALIDATION_FAILED', 'An approval of nothing is a cancellation: cancel instead.');
  }
  const next = withFact(
    { ...state, lines, approved: { by: fact.actorId, at: fact.at } },
    fact.factId,
  );
  return { state: next, movements: [] };
}

function dispatch(state: TransferState, fact: FactOf<'dispatch'>): TransferStepResult {
  if (state.status !== 'approved' && state.status !== 'dispatching') {
    return refuse(
      'TRANSITION_NOT_ALLOWED',
      `Nothing can be dispatched on a ${state.status} transfer.`,
    );
  }
  if (fact.storeId !== state.fromStoreId) {
    return refuse('WRONG_STORE', 'Only the source store dispatches a transfer.');
  }
  const found = linesFor(state, fact.lines);
  if ('error' in found) return found;
  const changed = new Map<string, TransferLineState>();
  const movements: TransferMovement[] = [];
  for (const { line, step } of found.pairs) {
    if (line.dispatchedQtyBase + step.qtyBase > line.approvedQtyBase) {
      return refuse(
        'QTY_EXCEEDS_OPEN',
        `${step.productId}: ${line.approvedQtyBase - line.dispatchedQtyBase} left to dispatch, ${step.qtyBase} sent.`,
      );
    }
    changed.set(line.productId, {
      ...line,
      dispatchedQtyBase: line.dispatchedQtyBase + step.qtyBase,
    });
    movements.push(
      movement(
        state,
        fact,
        movements.length,
        'transfer_out',
        state.fromStoreId,
        step.productId,
        -step.qtyBase,
      ),
    );
  }
  const next = withFact({ ...state, lines: replaceLines(state, changed) }, fact.factId);
  return { state: next, movements };
}

function receive(state: TransferState, fact: FactOf<'receive'>): TransferStepResult {
  if (state.status !== 'dispatching' && state.status !== 'in_transit') {
    return refuse('TRANSITION_NOT_ALLOWED', `Nothing is on its way on a ${state.status} transfer.`);
  }
  if (fact.storeId !== state.toStoreId) {
    return refuse('WRONG_STORE', 'Only the destination store receives a transfer.');
  }
  const found = linesFor(state, fact.lines);
  if ('error' in found) return found;
  const changed = new Map<string, TransferLineState>();
  const movements: TransferMovement[] = [];
  for (const { line, step } of found.pairs) {
    const counted = step.receivedQtyBase + step.shortQtyBase + step.damagedQtyBase;
    if (counted > linePendingArrival(line)) {
      return refuse(
        'QTY_EXCEEDS_OPEN',
        `${step.productId}: ${linePendingArrival(line)} on the way, ${counted} counted.`,
      );
    }
    changed.set(line.productId, {
      ...line,
      arrivedQtyBase: line.arrivedQtyBase + step.receivedQtyBase,
      shortQtyBase: line.shortQtyBase + step.shortQtyBase,
      damagedQtyBase: line.damagedQtyBase + step.damagedQtyBase,
    });
    if (step.receivedQtyBase > 0) {
      movements.push(
        movement(
          state,
          fact,
          movements.length,
          'transfer_in',
          state.toStoreId,
          step.productId,
          step.receivedQtyBase,
        ),
      );
    }
  }
  const next = withFact({ ...state, lines: replaceLines(state, changed) }, fact.factId);
  return { state: next, movements };
}

function resolve(state: TransferState, fact: FactOf<'resolve'>): TransferStepResult {
  if (!state.lines.some((l) => lineOpenDiscrepancy(l) > 0)) {
    return refuse('TRANSITION_NOT_ALLOWED', 'The transfer has no open discrepancy to resolve.');
  }
  const found = linesFor(state, fact.lines);
  if ('error' in found) return found;
  const changed = new Map<string, TransferLineState>();
  const movements: TransferMovement[] = [];
  for (const { line, step } of found.pairs) {
    const resolving = step.foundQtyBase + step.writeOffQtyBase;
    if (resolving > lineOpenDiscrepancy(line)) {
      return refuse(
        'QTY_EXCEEDS_OPEN',
        `${step.productId}: ${lineOpenDiscrepancy(line)} in discrepancy, ${resolving} resolved.`,
      );
    }
    changed.set(line.productId, {
      ...line,
      foundQtyBase: line.foundQtyBase + step.foundQtyBase,
      writtenOffQtyBase: line.writtenOffQtyBase + step.writeOffQtyBase,
    });
    if (step.foundQtyBase > 0) {
      movements.push(
        movement(
          state,
          fact,
          movements.length,
          'transfer_in',
          state.toStoreId,
          step.productId,
          step.foundQtyBase,
        ),
      );
    }
    if (step.writeOffQtyBase > 0) {
      movements.push(
        movement(
          state,
          fact,
          movements.length,
          'transit_write_off',
          null,
          step.productId,
          step.writeOffQtyBase,
        ),
      );
    }
  }
  const next = withFact({ ...state, lines: replaceLines(state, changed) }, fact.factId);
  return { state: next, movements };
}

function cancel(state: TransferState, fact: FactOf<'cancel'>): TransferStepResult {
  if (state.cancelled !== null || isDispatchComplete(state)) {
    return refuse(
      'TRANSITION_NOT_ALLOWED',
      'Everything was dispatched: receive it, or resolve the discrepancy, instead of cancelling.',
    );
  }
  const cancelled = { by: fact.actorId, at: fact.at, reason: fact.reason };
  return { state: withFact({ ...state, cancelled }, fact.factId), movements: [] };
}

function movement(
  state: TransferState,
  fact: TransferFact,
  index: number,
  kind: TransferMovement['kind'],
  storeId: string | null,
  productId: string,
  qtyDeltaBase: number,
): TransferMovement {
  return {
    id: `${fact.factId}:${index + 1}`,
    transferId: state.transferId,
    factId: fact.factId,
    kind,
    storeId,
    productId,
    qtyDeltaBase,
  };
}
