import {
  applyTransferFact,
  linePendingArrival,
  stepDocument,
  transferFactSchema,
  type BaseUnit,
  type TransferFact,
  type TransferState,
  type WorkflowDocument,
} from '@kiryana/shared';

/**
 * The steps the counter takes on a transfer (request, dispatch, receive), built as facts and
 * checked twice before they are stored: against the shared fact schema, as the server parses a
 * pushed row, and by the pure machine against the transfer as this terminal sees it, so a step
 * the server would refuse on its own terms never leaves the counter.
 */

/** Who takes a step, where and when; `newId` makes UUIDv7 ids. */
export type StepContext = {
  readonly storeId: string;
  /** The signed-in cashier's user id. */
  readonly actorId: string;
  readonly at: string;
  readonly newId: () => string;
};

/** A step ready to record, or why not (a shared error code, or INVALID for a malformed fact). */
export type StepOutcome =
  | { readonly ok: true; readonly row: WorkflowDocument; readonly state: TransferState }
  | { readonly ok: false; readonly code: string; readonly message: string };

function checked(current: TransferState | null, fact: TransferFact, storeId: string): StepOutcome {
  const parsed = transferFactSchema.safeParse(fact);
  if (!parsed.success) {
    return { ok: false, code: 'INVALID', message: parsed.error.issues[0]?.message ?? 'invalid' };
  }
  const outcome = applyTransferFact(current, parsed.data);
  if ('error' in outcome) return { ok: false, ...outcome.error };
  return { ok: true, row: stepDocument(storeId, parsed.data), state: outcome.state };
}

/** A product and a quantity in base units, as entered. */
export type QtyLine = { readonly productId: string; readonly qtyBase: number };

/**
 * Asks another store for stock: this store is the destination. Lines with 0 are left out.
 * @example
 * requestStep(ctx, 's-a', [{ productId: 'atta', qtyBase: 10 }]); // { ok: true, row: { kind: 'transfer-step', status: 'request', … } }
 */
export function requestStep(
  ctx: StepContext,
  fromStoreId: string,
  lines: readonly QtyLine[],
): StepOutcome {
  const transferId = ctx.newId();
  return checked(
    null,
    {
      type: 'request',
      factId: ctx.newId(),
      transferId,
      actorId: ctx.actorId,
      at: ctx.at,
      fromStoreId: fromStoreId.trim(),
      toStoreId: ctx.storeId,
      lines: lines.filter((l) => l.qtyBase > 0),
    },
    ctx.storeId,
  );
}

/** Sends goods of an approved transfer; lines with 0 are left out (partial dispatch). */
export function dispatchStep(
  ctx: StepContext,
  current: TransferState,
  lines: readonly QtyLine[],
): StepOutcome {
  return checked(
    current,
    {
      type: 'dispatch',
      factId: ctx.newId(),
      transferId: current.transferId,
      actorId: ctx.actorId,
      at: ctx.at,
      storeId: ctx.storeId,
      lines: lines.filter((l) => l.qtyBase > 0),
    },
    ctx.storeId,
  );
}

/** One line of a count at the destination. */
export type ReceiveLine = {
  readonly productId: string;
  readonly receivedQtyBase: number;
  readonly shortQtyBase: number;
  readonly damagedQtyBase: number;
};

/** Counts what arrived; lines that count nothing are left out. */
export function receiveStep(
  ctx: StepContext,
  current: TransferState,
  lines: readonly ReceiveLine[],
  note: string,
): StepOutcome {
  return checked(
    current,
    {
      type: 'receive',
      factId: ctx.newId(),
      transferId: current.transferId,
      actorId: ctx.actorId,
      at: ctx.at,
      storeId: ctx.storeId,
      lines: lines.filter((l) => l.receivedQtyBase + l.shortQtyBase + l.damagedQtyBase > 0),
      note: note.trim() === '' ? null : note.trim(),
    },
    ctx.storeId,
  );
}

/** What is still to be dispatched per line: the dispatch form's default. */
export function openToDispatch(state: TransferState): QtyLine[] {
  return state.lines
    .map((l) => ({ productId: l.productId, qtyBase: l.approvedQtyBase - l.dispatchedQtyBase }))
    .filter((l) => l.qtyBase > 0);
}

/** Dispatched and not yet counted per line: the receive form's default "received". */
export function pendingToReceive(state: TransferState): QtyLine[] {
  return state.lines
    .map((l) => ({ productId: l.productId, qtyBase: linePendingArrival(l) }))
    .filter((l) => l.qtyBase > 0);
}

/** Which way a transfer goes for this store. */
export function directionOf(state: TransferState, storeId: string): 'incoming' | 'outgoing' | null {
  if (state.toStoreId === storeId) return 'incoming';
  if (state.fromStoreId === storeId) return 'outgoing';
  return null;
}

/**
 * A base quantity as the counter types it: pieces as a count, grams and millilitres as kg / l
 * with up to three decimals (integer arithmetic, no floats).
 * @example
 * quantityInputOf(1500, 'g'); // '1.5'
 * quantityInputOf(12, 'piece'); // '12'
 */
export function quantityInputOf(qtyBase: number, unit: BaseUnit): string {
  if (unit === 'piece') return String(qtyBase);
  const whole = Math.floor(qtyBase / 1000);
  const fraction = String(qtyBase % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}
