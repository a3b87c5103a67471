import { describe, expect, it } from 'vitest';
import type { TransferFact } from './transfer-facts';
import { transferFactSchema } from './transfer-facts';
import { applyTransferFact, type TransferMovement } from './transfer-machine';
import {
  inTransitByProduct,
  inTransitTotals,
  transferStateSchema,
  type TransferState,
} from './transfer-state';

const T = '018f0000-0000-7000-8000-000000000001';
const fid = (n: number): string => `018f0000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
const at = '2026-12-07T06:00:00.000Z';
const base = (n: number) => ({ factId: fid(100 + n), transferId: T, actorId: 'u-1', at });

/** A deep copy (JSON round trip: documents hold only JSON values). */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Applies facts in order, failing the test on a refusal; returns the document and all movements. */
function run(facts: readonly TransferFact[]): {
  state: TransferState;
  movements: TransferMovement[];
} {
  let state: TransferState | null = null;
  const movements: TransferMovement[] = [];
  for (const fact of facts) {
    const parsed = transferFactSchema.parse(fact);
    const result = applyTransferFact(state, parsed);
    if ('error' in result) throw new Error(`${fact.type} refused: ${result.error.message}`);
    state = result.state;
    movements.push(...result.movements);
  }
  if (state === null) throw new Error('no facts');
  return { state, movements };
}

const request: TransferFact = {
  ...base(1),
  type: 'request',
  fromStoreId: 's-andheri',
  toStoreId: 's-bandra',
  lines: [
    { productId: 'p-salt-1kg', qtyBase: 24 },
    { productId: 'p-atta-5kg', qtyBase: 10 },
  ],
};
const approve: TransferFact = {
  ...base(2),
  type: 'approve',
  lines: [{ productId: 'p-atta-5kg', qtyBase: 8 }],
};
const dispatch1: TransferFact = {
  ...base(3),
  type: 'dispatch',
  storeId: 's-andheri',
  lines: [{ productId: 'p-atta-5kg', qtyBase: 5 }],
};
const receive1: TransferFact = {
  ...base(4),
  type: 'receive',
  storeId: 's-bandra',
  lines: [{ productId: 'p-atta-5kg', receivedQtyBase: 4, shortQtyBase: 1, damagedQtyBase: 0 }],
  note: null,
};
const dispatch2: TransferFact = {
  ...base(5),
  type: 'dispatch',
  storeId: 's-andheri',
  lines: [
    { productId: 'p-atta-5kg', qtyBase: 3 },
    { productId: 'p-salt-1kg', qtyBase: 24 },
  ],
};
const receive2: TransferFact = {
  ...base(6),
  type: 'receive',
  storeId: 's-bandra',
  lines: [
    { productId: 'p-atta-5kg', receivedQtyBase: 3, shortQtyBase: 0, damagedQtyBase: 0 },
    { productId: 'p-salt-1kg', receivedQtyBase: 20, shortQtyBase: 2, damagedQtyBase: 2 },
  ],
  note: 'two packets torn',
};
const resolve: TransferFact = {
  ...base(7),
  type: 'resolve',
  lines: [
    { productId: 'p-salt-1kg', foundQtyBase: 1, writeOffQtyBase: 3 },
    { productId: 'p-atta-5kg', foundQtyBase: 0, writeOffQtyBase: 1 },
  ],
  reason: 'lost_in_transit',
  note: null,
};

function sumBy(
  movements: readonly TransferMovement[],
  pick: (m: TransferMovement) => boolean,
): number {
  return movements.filter(pick).reduce((s, m) => s + m.qtyDeltaBase, 0);
}

describe('applyTransferFact: a transfer from request to closed', () => {
  it('walks every step with partial dispatch, partial receipt and a resolved discrepancy', () => {
    const steps = [request, approve, dispatch1, receive1, dispatch2, receive2, resolve];
    const statuses = steps.map((_, i) => run(steps.slice(0, i + 1)).state.status);
    expect(statuses).toEqual([
      'requested',
      'approved',
      'dispatching', // 5 of 8 atta sent
      'dispatching', // 4 counted in, 1 short: a discrepancy while more is still to come
      'in_transit', // everything sent, 3 atta + 24 salt on the road
      'discrepancy', // all counted: atta 1 short, salt 2 short + 2 damaged
      'closed', // salt: 1 found, 3 written off; atta: 1 written off
    ]);

    const { state, movements } = run(steps);
    expect(transferStateSchema.parse(state)).toEqual(state);
    // Hand arithmetic. Atta: 8 dispatched = 4 + 3 received + 1 written off.
    // Salt: 24 dispatched = 20 received + 1 found + 3 written off.
    expect(sumBy(movements, (m) => m.storeId === 's-andheri' && m.productId === 'p-atta-5kg')).toBe(
      -8,
    );
    expect(sumBy(movements, (m) => m.storeId === 's-bandra' && m.productId === 'p-atta-5kg')).toBe(
      7,
    );
    expect(sumBy(movements, (m) => m.storeId === 's-andheri' && m.productId === 'p-salt-1kg')).toBe(
      -24,
    );
    expect(sumBy(movements, (m) => m.storeId === 's-bandra' && m.productId === 'p-salt-1kg')).toBe(
      21,
    );
    expect(sumBy(movements, (m) => m.kind === 'transit_write_off')).toBe(4);
    expect(sumBy(movements, () => true)).toBe(0);
    expect([...inTransitByProduct(state).values()]).toEqual([0, 0]);
    expect(movements.map((m) => m.id)).toContain(`${dispatch2.factId}:2`);
  });

  it('shows what is in transit at each point', () => {
    const { state } = run([request, approve, dispatch1, receive1, dispatch2]);
    // atta: 8 sent − 4 received = 4 (1 short still counts until resolved); salt: 24 on the road
    expect(Object.fromEntries(inTransitByProduct(state))).toEqual({
      'p-atta-5kg': 4,
      'p-salt-1kg': 24,
    });
  });

  it('sums what is in transit over transfers per route and product', () => {
    const one = run([request, approve, dispatch1, receive1, dispatch2]).state; // atta 4, salt 24
    const other = run([
      { ...request, factId: fid(300), transferId: fid(301) },
      { ...approve, factId: fid(302), transferId: fid(301) },
      { ...dispatch1, factId: fid(303), transferId: fid(301) },
    ]).state; // atta 5
    const closed = run([request, approve, dispatch1, receive1, dispatch2, receive2, resolve]).state;
    expect(inTransitTotals([one, other, closed])).toEqual([
      { fromStoreId: 's-andheri', toStoreId: 's-bandra', productId: 'p-atta-5kg', qtyBase: 9 },
      { fromStoreId: 's-andheri', toStoreId: 's-bandra', productId: 'p-salt-1kg', qtyBase: 24 },
    ]);
  });

  it('treats a replayed fact as a no-op with no movements', () => {
    const { state } = run([request, approve, dispatch1]);
    const again = applyTransferFact(state, dispatch1);
    expect(again).toEqual({ state, movements: [] });
    const closed = run([request, approve, dispatch1, receive1, dispatch2, receive2, resolve]).state;
    expect(applyTransferFact(closed, resolve)).toEqual({ state: closed, movements: [] });
  });

  it.each([
    ['dispatch before approval', [request], dispatch1, 'TRANSITION_NOT_ALLOWED'],
    [
      'a second approval',
      [request, approve],
      { ...approve, factId: fid(900) },
      'TRANSITION_NOT_ALLOWED',
    ],
    [
      'approval above the request',
      [request],
      { ...approve, lines: [{ productId: 'p-atta-5kg', qtyBase: 11 }] },
      'QTY_EXCEEDS_OPEN',
    ],
    [
      'dispatch above approval',
      [request, approve],
      { ...dispatch1, lines: [{ productId: 'p-atta-5kg', qtyBase: 9 }] },
      'QTY_EXCEEDS_OPEN',
    ],
    [
      'dispatch by the destination',
      [request, approve],
      { ...dispatch1, storeId: 's-bandra' },
      'WRONG_STORE',
    ],
    [
      'receipt by the source',
      [request, approve, dispatch1],
      { ...receive1, storeId: 's-andheri' },
      'WRONG_STORE',
    ],
    [
      'receipt above what was sent',
      [request, approve, dispatch1],
      {
        ...receive1,
        lines: [
          { productId: 'p-atta-5kg', receivedQtyBase: 5, shortQtyBase: 1, damagedQtyBase: 0 },
        ],
      },
      'QTY_EXCEEDS_OPEN',
    ],
    [
      'an unknown product',
      [request, approve],
      { ...dispatch1, lines: [{ productId: 'p-ghee', qtyBase: 1 }] },
      'UNKNOWN_LINE',
    ],
    [
      'a write-off with no discrepancy',
      [request, approve, dispatch1],
      resolve,
      'TRANSITION_NOT_ALLOWED',
    ],
    [
      'a write-off above the discrepancy',
      [request, approve, dispatch1, receive1],
      { ...resolve, lines: [{ productId: 'p-atta-5kg', foundQtyBase: 0, writeOffQtyBase: 2 }] },
      'QTY_EXCEEDS_OPEN',
    ],
    [
      'cancelling once all is dispatched',
      [request, approve, dispatch1, dispatch2],
      { ...base(50), type: 'cancel', reason: 'late' },
      'TRANSITION_NOT_ALLOWED',
    ],
    [
      'any step on a closed transfer',
      [request, approve, dispatch1, receive1, dispatch2, receive2, resolve],
      { ...base(51), type: 'cancel', reason: 'x' },
      'DOCUMENT_CLOSED',
    ],
    ['a step on a missing transfer', [], approve, 'NOT_FOUND'],
  ] as [string, TransferFact[], TransferFact, string][])('refuses %s', (_, before, fact, code) => {
    const state = before.length === 0 ? null : run(before).state;
    const snapshot = clone(state);
    const result = applyTransferFact(state, fact);
    expect(result).toMatchObject({ error: { code } });
    expect('error' in result && result.error.message.length > 0).toBe(true);
    expect(state).toEqual(snapshot);
  });

  it('cancels a requested or approved transfer outright', () => {
    const cancel: TransferFact = { ...base(60), type: 'cancel', reason: 'not needed' };
    expect(run([request, cancel]).state.status).toBe('cancelled');
    expect(run([request, approve, cancel]).state.status).toBe('cancelled');
  });

  it('cancels only the undispatched remainder once part is on the road', () => {
    const cancel: TransferFact = { ...base(61), type: 'cancel', reason: 'salt no longer needed' };
    const { state } = run([request, approve, dispatch1, cancel]);
    expect(state.status).toBe('in_transit'); // the 5 atta sent still have to be received
    const more = applyTransferFact(state, dispatch2);
    expect(more).toMatchObject({ error: { code: 'TRANSITION_NOT_ALLOWED' } });
    const done = run([
      request,
      approve,
      dispatch1,
      cancel,
      {
        ...receive1,
        lines: [
          { productId: 'p-atta-5kg', receivedQtyBase: 5, shortQtyBase: 0, damagedQtyBase: 0 },
        ],
      },
    ]);
    expect(done.state.status).toBe('closed');
    expect(sumBy(done.movements, () => true)).toBe(0);
  });

  it('refuses a request from a store to itself', () => {
    const r = applyTransferFact(null, { ...request, toStoreId: 's-andheri' });
    expect(r).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });
});
