import { z } from 'zod';
import { factIdSchema, isoTimestampSchema, refIdSchema } from '../documents/common';

/**
 * The transfer document: the fold of its facts. Every quantity is a cumulative integer in base
 * units, and the status is derived from the quantities, so facts that commute (two terminals
 * dispatching or receiving at once) give the same document in either order.
 */

const qtySchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** One product of a transfer with its cumulative quantities. */
export const transferLineStateSchema = z.object({
  productId: refIdSchema,
  requestedQtyBase: qtySchema,
  /** What may be dispatched; equal to requested until approval, which may cut it. */
  approvedQtyBase: qtySchema,
  dispatchedQtyBase: qtySchema,
  /** Counted onto the destination's shelf at a receive step. */
  arrivedQtyBase: qtySchema,
  shortQtyBase: qtySchema,
  damagedQtyBase: qtySchema,
  /** Put on the destination's shelf when a discrepancy was resolved as found. */
  foundQtyBase: qtySchema,
  writtenOffQtyBase: qtySchema,
});

/** A line of a transfer. */
export type TransferLineState = z.infer<typeof transferLineStateSchema>;

/** Where a transfer stands; derived from its quantities by `transferStatusOf`. */
export const transferStatusSchema = z.enum([
  'requested',
  'approved',
  /** Part of the approved quantity is dispatched; receipts of what was sent may already come in. */
  'dispatching',
  /** Everything to be dispatched was; some has not been counted at the destination yet. */
  'in_transit',
  /** Everything was counted; a shortage or damage waits for a manager. */
  'discrepancy',
  'closed',
  'cancelled',
]);

/** The state of a transfer. */
export type TransferStatus = z.infer<typeof transferStatusSchema>;

const stampSchema = z.object({ by: refIdSchema, at: isoTimestampSchema });

/** The transfer document, as stored by the server and replicated to both stores' terminals. */
export const transferStateSchema = z.object({
  transferId: factIdSchema,
  fromStoreId: refIdSchema,
  toStoreId: refIdSchema,
  status: transferStatusSchema,
  requested: stampSchema,
  approved: stampSchema.nullable(),
  cancelled: stampSchema.extend({ reason: z.string().max(500) }).nullable(),
  /** Sorted by product id. */
  lines: z.array(transferLineStateSchema).min(1),
  /** Ids of every fact applied, sorted: a fact seen again is a no-op. */
  appliedFactIds: z.array(factIdSchema),
});

/** A transfer document. */
export type TransferState = z.infer<typeof transferStateSchema>;

/**
 * What has left the source and is neither on the destination's shelf nor written off.
 * @example
 * // 24 dispatched, 20 counted in, 4 short of which 3 written off: 1 still in transit
 * lineInTransit({ dispatchedQtyBase: 24, arrivedQtyBase: 20, foundQtyBase: 0, writtenOffQtyBase: 3 }); // 1
 */
export function lineInTransit(
  line: Pick<
    TransferLineState,
    'dispatchedQtyBase' | 'arrivedQtyBase' | 'foundQtyBase' | 'writtenOffQtyBase'
  >,
): number {
  return line.dispatchedQtyBase - line.arrivedQtyBase - line.foundQtyBase - line.writtenOffQtyBase;
}

/** Dispatched but not yet counted at the destination (neither received nor declared short/damaged). */
export function linePendingArrival(line: TransferLineState): number {
  return line.dispatchedQtyBase - line.arrivedQtyBase - line.shortQtyBase - line.damagedQtyBase;
}

/** Declared short or damaged and not yet resolved. */
export function lineOpenDiscrepancy(line: TransferLineState): number {
  return line.shortQtyBase + line.damagedQtyBase - line.foundQtyBase - line.writtenOffQtyBase;
}

/**
 * Stock in transit per product: dispatched − received (arrived + found) − written off. Never
 * negative for a document built by `applyTransferFact`.
 * @example
 * inTransitByProduct(transfer); // Map { 'p-atta-5kg' => 4, 'p-salt-1kg' => 0 }
 */
export function inTransitByProduct(state: TransferState): Map<string, number> {
  return new Map(state.lines.map((l) => [l.productId, lineInTransit(l)]));
}

/** Stock in transit between two stores, summed over transfers. */
export type InTransitTotal = {
  readonly fromStoreId: string;
  readonly toStoreId: string;
  readonly productId: string;
  readonly qtyBase: number;
};

/**
 * Stock in transit summed over many transfers per (source, destination, product), for the stock
 * screen and reports; products with nothing in transit are left out. Sorted by the three keys.
 * @example
 * inTransitTotals([t1, t2]); // [{ fromStoreId: 's-a', toStoreId: 's-b', productId: 'p-1', qtyBase: 30 }]
 */
export function inTransitTotals(transfers: readonly TransferState[]): InTransitTotal[] {
  const totals = new Map<string, InTransitTotal>();
  for (const t of transfers) {
    for (const line of t.lines) {
      const qty = lineInTransit(line);
      if (qty === 0) continue;
      const key = JSON.stringify([t.fromStoreId, t.toStoreId, line.productId]);
      const prev = totals.get(key)?.qtyBase ?? 0;
      totals.set(key, {
        fromStoreId: t.fromStoreId,
        toStoreId: t.toStoreId,
        productId: line.productId,
        qtyBase: prev + qty,
      });
    }
  }
  return [...totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, total]) => total);
}

/** Whether nothing more will be dispatched: every approved unit was, or the remainder was cancelled. */
export function isDispatchComplete(state: TransferState): boolean {
  return (
    state.cancelled !== null || state.lines.every((l) => l.dispatchedQtyBase === l.approvedQtyBase)
  );
}

/**
 * The status that the quantities imply (see `transferStatusSchema`).
 * @example
 * transferStatusOf(justRequested); // 'requested'
 */
export function transferStatusOf(state: Omit<TransferState, 'status'>): TransferStatus {
  const full = { ...state, status: 'requested' as const };
  const dispatched = state.lines.some((l) => l.dispatchedQtyBase > 0);
  if (state.cancelled !== null && !dispatched) return 'cancelled';
  if (state.approved === null) return 'requested';
  if (!dispatched) return 'approved';
  if (!isDispatchComplete(full)) return 'dispatching';
  if (state.lines.some((l) => linePendingArrival(l) > 0)) return 'in_transit';
  if (state.lines.some((l) => lineOpenDiscrepancy(l) > 0)) return 'discrepancy';
  return 'closed';
}
