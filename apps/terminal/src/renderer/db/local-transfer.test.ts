import {
  applyTransferFact,
  stepDocument,
  WORKFLOW_DOCUMENT_SCHEMA_VERSION,
  type TransferFact,
  type TransferState,
  type WorkflowDocument,
} from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import { foldFacts } from '../testing/fold-facts';
import { localTransfers } from './local-transfer';

const T = '0190f5a0-0000-7000-8000-000000000001';
const id = (n: number) => `0190f5a0-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`;
const at = (n: number) => `2026-04-01T05:${String(n).padStart(2, '0')}:00.000Z`;

const request: TransferFact = {
  type: 'request',
  factId: id(1),
  transferId: T,
  actorId: 'u-b',
  at: at(1),
  fromStoreId: 's-a',
  toStoreId: 's-b',
  lines: [
    { productId: 'atta', qtyBase: 10 },
    { productId: 'salt', qtyBase: 4 },
  ],
};
const approve: TransferFact = {
  type: 'approve',
  factId: id(2),
  transferId: T,
  actorId: 'u-m',
  at: at(2),
  lines: null,
};
const dispatch: TransferFact = {
  type: 'dispatch',
  factId: id(3),
  transferId: T,
  actorId: 'u-a',
  at: at(3),
  storeId: 's-a',
  lines: [{ productId: 'atta', qtyBase: 6 }],
};
const receive: TransferFact = {
  type: 'receive',
  factId: id(4),
  transferId: T,
  actorId: 'u-b',
  at: at(4),
  storeId: 's-b',
  lines: [{ productId: 'atta', receivedQtyBase: 5, shortQtyBase: 1, damagedQtyBase: 0 }],
  note: null,
};

const fold = (facts: TransferFact[]): TransferState => foldFacts(applyTransferFact, facts);

function documentRow(storeId: string, state: TransferState): WorkflowDocument {
  return {
    id: state.transferId,
    schemaVersion: WORKFLOW_DOCUMENT_SCHEMA_VERSION,
    kind: 'transfer',
    storeId,
    docId: state.transferId,
    status: state.status,
    label: 'S-A → S-B',
    body: state,
    updatedAt: at(30),
    _deleted: false,
  };
}

describe('a transfer as the terminal sees it', () => {
  it('folds a pending dispatch into the pulled document, with its transfer_out movement', () => {
    const rows = [documentRow('s-a', fold([request, approve])), stepDocument('s-a', dispatch)];
    const [local] = localTransfers(rows, new Set([dispatch.factId]));
    expect(local?.state.status).toBe('dispatching');
    expect(local?.state.lines.find((l) => l.productId === 'atta')?.dispatchedQtyBase).toBe(6);
    expect(local?.pendingFactIds).toEqual([dispatch.factId]);
    expect(local?.pendingMovements).toEqual([
      expect.objectContaining({
        kind: 'transfer_out',
        storeId: 's-a',
        productId: 'atta',
        qtyDeltaBase: -6,
      }),
    ]);
    expect(local?.label).toBe('S-A → S-B');
  });

  it('counts nothing twice once the server document holds the step, even while the outbox still does', () => {
    const rows = [
      documentRow('s-a', fold([request, approve, dispatch])),
      stepDocument('s-a', dispatch),
    ];
    const [local] = localTransfers(rows, new Set([dispatch.factId]));
    expect(local?.state.lines.find((l) => l.productId === 'atta')?.dispatchedQtyBase).toBe(6);
    expect(local?.pendingMovements).toEqual([]);
  });

  it('ignores confirmed steps (not in the outbox): the server document is the truth', () => {
    const rows = [documentRow('s-a', fold([request, approve])), stepDocument('s-a', dispatch)];
    const [local] = localTransfers(rows, new Set());
    expect(local?.state.status).toBe('approved');
    expect(local?.pendingMovements).toEqual([]);
  });

  it('shows a request made offline before the server has the transfer', () => {
    const [local] = localTransfers([stepDocument('s-b', request)], new Set([request.factId]));
    expect(local?.state.status).toBe('requested');
    expect(local?.state.lines.map((l) => l.requestedQtyBase)).toEqual([10, 4]);
    expect(local?.label).toBe('');
  });

  it('folds a pending receipt with a shortage: received goes on the shelf, the short part does not', () => {
    const rows = [
      documentRow('s-b', fold([request, approve, dispatch])),
      stepDocument('s-b', receive),
    ];
    const [local] = localTransfers(rows, new Set([receive.factId]));
    expect(local?.pendingMovements).toEqual([
      expect.objectContaining({
        kind: 'transfer_in',
        storeId: 's-b',
        productId: 'atta',
        qtyDeltaBase: 5,
      }),
    ]);
    expect(local?.state.lines.find((l) => l.productId === 'atta')).toMatchObject({
      arrivedQtyBase: 5,
      shortQtyBase: 1,
    });
  });

  it('applies several pending steps in the order taken and reports a refused one without applying it', () => {
    const tooMuch: TransferFact = {
      ...dispatch,
      factId: id(5),
      at: at(5),
      lines: [{ productId: 'atta', qtyBase: 5 }],
    };
    const rows = [
      documentRow('s-a', fold([request, approve])),
      stepDocument('s-a', tooMuch),
      stepDocument('s-a', dispatch),
    ];
    const [local] = localTransfers(rows, new Set([dispatch.factId, tooMuch.factId]));
    expect(local?.pendingFactIds).toEqual([dispatch.factId]);
    expect(local?.refused).toEqual([
      expect.objectContaining({ factId: tooMuch.factId, code: 'QTY_EXCEEDS_OPEN' }),
    ]);
    expect(local?.pendingMovements.map((m) => m.qtyDeltaBase)).toEqual([-6]);
  });
});
