import {
  type PurchaseOrderFact,
  type TransferFact,
  businessDate,
  stepDocument,
} from '@kiryana/shared';
import { type TerminalDatabase, recordStep } from '@kiryana/terminal/headless';

/**
 * The store terminal's side of transfers and purchase orders: a step the fleet's workflow mix asks
 * for (request, dispatch, receive a transfer; receive goods against a PO) becomes a fact with an
 * id made here, once, and is recorded with its outbox entry by the terminal's own `recordStep`, so
 * it travels through the same outbox, replication, retries and faults as a sale.
 */

/**
 * What the fleet asks a terminal to do; the terminal adds the fact id, time, actor and store.
 * `seen`: steps the terminal must have pulled into its copy of the document first (a counter
 * dispatches what it sees approved, receives what it sees dispatched).
 */
export type StepOrder =
  | {
      readonly type: 'request';
      readonly transferId: string;
      readonly fromStoreId: string;
      readonly lines: readonly { productId: string; qtyBase: number }[];
    }
  | {
      readonly type: 'dispatch';
      readonly transferId: string;
      readonly seen: readonly string[];
      readonly lines: readonly { productId: string; qtyBase: number }[];
    }
  | {
      readonly type: 'receive';
      readonly transferId: string;
      readonly seen: readonly string[];
      readonly lines: readonly {
        productId: string;
        receivedQtyBase: number;
        shortQtyBase: number;
        damagedQtyBase: number;
      }[];
    }
  | {
      readonly type: 'po-receive';
      readonly poId: string;
      readonly seen: readonly string[];
      readonly supplierInvoiceNo: string;
      readonly lines: readonly {
        productId: string;
        receivedQtyBase: number;
        unitCostMinor: number;
      }[];
    };

/** A step this terminal recorded, for the fleet's checks. */
export type MadeStep = {
  readonly id: string;
  readonly kind: 'transfer-step' | 'po-step';
  /** The transfer or PO. */
  readonly docId: string;
  readonly type: string;
  readonly storeId: string;
};

/** What a step needs from its terminal. */
type StepDeps = {
  readonly db: TerminalDatabase;
  readonly storeId: string;
  /** Who takes the step: the simulated store's staff member. */
  readonly actorId: string;
  readonly now: () => number;
  readonly newId: () => string;
};

/** The fact an order makes at this terminal. */
function factOfOrder(
  deps: Omit<StepDeps, 'db'>,
  order: StepOrder,
): TransferFact | PurchaseOrderFact {
  const base = {
    factId: deps.newId(),
    actorId: deps.actorId,
    at: new Date(deps.now()).toISOString(),
  };
  switch (order.type) {
    case 'request':
      return {
        ...base,
        type: 'request',
        transferId: order.transferId,
        fromStoreId: order.fromStoreId,
        toStoreId: deps.storeId,
        lines: [...order.lines],
      };
    case 'dispatch':
      return {
        ...base,
        type: 'dispatch',
        transferId: order.transferId,
        storeId: deps.storeId,
        lines: [...order.lines],
      };
    case 'receive':
      return {
        ...base,
        type: 'receive',
        transferId: order.transferId,
        storeId: deps.storeId,
        lines: [...order.lines],
        note: null,
      };
    case 'po-receive':
      return {
        ...base,
        type: 'receive',
        poId: order.poId,
        storeId: deps.storeId,
        supplierInvoiceNo: order.supplierInvoiceNo,
        supplierInvoiceDate: businessDate(new Date(deps.now())),
        lines: order.lines.map((l) => ({ ...l, batchNo: null, expiryDate: null })),
      };
  }
}

/** Records the step an order asks for, with its outbox entry; resolves with what was made. */
export async function takeStep(deps: StepDeps, order: StepOrder): Promise<MadeStep> {
  const fact = factOfOrder(deps, order);
  const row = stepDocument(deps.storeId, fact);
  await recordStep(deps.db, row);
  return {
    id: row.id,
    kind: row.kind === 'po-step' ? 'po-step' : 'transfer-step',
    docId: row.docId,
    type: fact.type,
    storeId: deps.storeId,
  };
}
