import type { ErrorCode } from '../errors/error-codes';
import { orderUnitsToBase } from './order-units';
import type { PurchaseOrderFact } from './purchase-order-facts';
import {
  purchaseOrderStatusOf,
  type PurchaseOrderLineState,
  type PurchaseOrderState,
} from './purchase-order-state';

/**
 * The purchase-order state machine: draft → approved → sent → partly received → received /
 * closed short / cancelled. Pure and total: a refused step returns a shared error code and leaves
 * the document as it was; a fact seen before is a no-op.
 */

/** A `receipt` stock movement a goods receipt causes, with its cost per base unit. */
export type PurchaseOrderMovement = {
  /** `${factId}:${n}`, n from 1 in line order. */
  readonly id: string;
  readonly poId: string;
  readonly factId: string;
  readonly kind: 'receipt';
  readonly storeId: string;
  readonly productId: string;
  readonly qtyDeltaBase: number;
  readonly unitCostMinor: number;
  readonly batchNo: string | null;
  readonly expiryDate: string | null;
  readonly supplierInvoiceNo: string;
};

/** A refused step. */
export type PurchaseOrderRefusal = {
  readonly error: { readonly code: ErrorCode; readonly message: string };
};

/** The outcome of a step. */
export type PurchaseOrderStepResult =
  | { readonly state: PurchaseOrderState; readonly movements: readonly PurchaseOrderMovement[] }
  | PurchaseOrderRefusal;

/** What the actor may do beyond the ordinary rules; the server derives it from permissions. */
export type PurchaseOrderAllowances = {
  /** Receive more than ordered on a line (a permission of the store's role). */
  readonly overDelivery: boolean;
};

const NONE: PurchaseOrderAllowances = { overDelivery: false };

function refuse(code: ErrorCode, message: string): PurchaseOrderRefusal {
  return { error: { code, message } };
}

type FactOf<T extends PurchaseOrderFact['type']> = Extract<PurchaseOrderFact, { type: T }>;

function toLines(fact: FactOf<'create'> | FactOf<'revise'>): PurchaseOrderLineState[] | null {
  const lines: PurchaseOrderLineState[] = [];
  for (const l of fact.lines) {
    let orderedQtyBase: number;
    try {
      orderedQtyBase = orderUnitsToBase(l.orderedQtyOrderUnits, l.baseUnitsPerOrderUnit);
    } catch {
      return null;
    }
    lines.push({ ...l, orderedQtyBase, receivedQtyBase: 0 });
  }
  return lines.sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

function next(state: Omit<PurchaseOrderState, 'status'>, factId: string): PurchaseOrderState {
  const appliedFactIds = [...state.appliedFactIds, factId].sort();
  return { ...state, appliedFactIds, status: purchaseOrderStatusOf(state) };
}

/**
 * Applies one step to a purchase order (null before it is created).
 * @example
 * const created = applyPurchaseOrderFact(null, create); // status 'draft'
 * applyPurchaseOrderFact(created.state, receive); // { error: { code: 'TRANSITION_NOT_ALLOWED', … } }: not sent yet
 */
export function applyPurchaseOrderFact(
  state: PurchaseOrderState | null,
  fact: PurchaseOrderFact,
  allowances: PurchaseOrderAllowances = NONE,
): PurchaseOrderStepResult {
  if (state === null) {
    if (fact.type !== 'create') return refuse('NOT_FOUND', 'No such purchase order.');
    const lines = toLines(fact);
    if (lines === null) return refuse('VALIDATION_FAILED', 'An ordered quantity is out of range.');
    const created = next(
      {
        poId: fact.poId,
        storeId: fact.storeId,
        supplierId: fact.supplierId,
        created: { by: fact.actorId, at: fact.at },
        approved: null,
        sent: null,
        ended: null,
        lines,
        receipts: [],
        appliedFactIds: [],
      },
      fact.factId,
    );
    return { state: created, movements: [] };
  }
  if (fact.poId !== state.poId) {
    return refuse('VALIDATION_FAILED', 'The step belongs to another purchase order.');
  }
  if (state.appliedFactIds.includes(fact.factId)) return { state, movements: [] };
  if (['received', 'closed_short', 'cancelled'].includes(state.status)) {
    return refuse('DOCUMENT_CLOSED', `The purchase order is ${state.status}: it accepts nothing.`);
  }
  const stamp = { by: fact.actorId, at: fact.at };
  switch (fact.type) {
    case 'create':
      return refuse('CONFLICT', 'The purchase order exists already.');
    case 'revise': {
      if (state.status !== 'draft') return notNow('revised', state);
      const lines = toLines(fact);
      if (lines === null)
        return refuse('VALIDATION_FAILED', 'An ordered quantity is out of range.');
      return { state: next({ ...state, lines }, fact.factId), movements: [] };
    }
    case 'approve':
      if (state.status !== 'draft') return notNow('approved', state);
      return { state: next({ ...state, approved: stamp }, fact.factId), movements: [] };
    case 'send':
      if (state.status !== 'approved') return notNow('sent', state);
      return { state: next({ ...state, sent: stamp }, fact.factId), movements: [] };
    case 'receive':
      return receive(state, fact, allowances);
    case 'close_short':
      if (state.status !== 'partly_received') {
        return refuse(
          'TRANSITION_NOT_ALLOWED',
          state.status === 'sent'
            ? 'Nothing was received: cancel the order instead of closing it short.'
            : `A ${state.status} purchase order cannot be closed short.`,
        );
      }
      return end(state, fact, 'closed_short');
    case 'cancel':
      if (state.status === 'partly_received') {
        return refuse(
          'TRANSITION_NOT_ALLOWED',
          'Goods were received: close the order short instead.',
        );
      }
      return end(state, fact, 'cancelled');
  }
}

function notNow(what: string, state: PurchaseOrderState): PurchaseOrderRefusal {
  return refuse('TRANSITION_NOT_ALLOWED', `A ${state.status} purchase order cannot be ${what}.`);
}

function end(
  state: PurchaseOrderState,
  fact: FactOf<'close_short'> | FactOf<'cancel'>,
  outcome: 'closed_short' | 'cancelled',
): PurchaseOrderStepResult {
  const ended = { by: fact.actorId, at: fact.at, outcome, reason: fact.reason };
  return { state: next({ ...state, ended }, fact.factId), movements: [] };
}

function receive(
  state: PurchaseOrderState,
  fact: FactOf<'receive'>,
  allowances: PurchaseOrderAllowances,
): PurchaseOrderStepResult {
  if (state.status !== 'sent' && state.status !== 'partly_received') {
    return refuse(
      'TRANSITION_NOT_ALLOWED',
      `Goods cannot be received on a ${state.status} purchase order.`,
    );
  }
  if (fact.storeId !== state.storeId) {
    return refuse('WRONG_STORE', 'Goods are received by the store the order is for.');
  }
  const changed = new Map<string, PurchaseOrderLineState>();
  const movements: PurchaseOrderMovement[] = [];
  for (const step of fact.lines) {
    const line = state.lines.find((l) => l.productId === step.productId);
    if (line === undefined) {
      return refuse('UNKNOWN_LINE', `Product ${step.productId} is not on this purchase order.`);
    }
    const receivedQtyBase = line.receivedQtyBase + step.receivedQtyBase;
    if (!Number.isSafeInteger(receivedQtyBase)) {
      return refuse('VALIDATION_FAILED', 'The received quantity is out of range.');
    }
    if (receivedQtyBase > line.orderedQtyBase && !allowances.overDelivery) {
      return refuse(
        'OVER_DELIVERY_NOT_ALLOWED',
        `${step.productId}: ${line.orderedQtyBase - line.receivedQtyBase} still due, ${step.receivedQtyBase} received.`,
      );
    }
    changed.set(line.productId, { ...line, receivedQtyBase });
    movements.push({
      id: `${fact.factId}:${movements.length + 1}`,
      poId: state.poId,
      factId: fact.factId,
      kind: 'receipt',
      storeId: state.storeId,
      productId: step.productId,
      qtyDeltaBase: step.receivedQtyBase,
      unitCostMinor: step.unitCostMinor,
      batchNo: step.batchNo,
      expiryDate: step.expiryDate,
      supplierInvoiceNo: fact.supplierInvoiceNo,
    });
  }
  const receipts = [
    ...state.receipts,
    {
      factId: fact.factId,
      supplierInvoiceNo: fact.supplierInvoiceNo,
      supplierInvoiceDate: fact.supplierInvoiceDate,
      at: fact.at,
    },
  ].sort((a, b) => (a.factId < b.factId ? -1 : 1));
  const lines = state.lines.map((l) => changed.get(l.productId) ?? l);
  return { state: next({ ...state, lines, receipts }, fact.factId), movements };
}
