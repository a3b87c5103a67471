import { applyTransferFact, type TransferFact, type TransferState } from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import { counterInTransit } from './in-transit';

const id = (n: number) => `0190f5a0-0000-7000-8000-0000000002${String(n).padStart(2, '0')}`;
const at = (n: number) => `2026-04-01T05:${String(n).padStart(2, '0')}:00.000Z`;

/** A transfer `from` → `to` of 10 atta and 4 salt, approved, with 6 atta and 4 salt dispatched. */
function dispatched(transferId: string, from: string, to: string, base: number): TransferState {
  const facts: TransferFact[] = [
    {
      type: 'request',
      factId: id(base + 1),
      transferId,
      actorId: 'u-b',
      at: at(base + 1),
      fromStoreId: from,
      toStoreId: to,
      lines: [
        { productId: 'atta', qtyBase: 10 },
        { productId: 'salt', qtyBase: 4 },
      ],
    },
    {
      type: 'approve',
      factId: id(base + 2),
      transferId,
      actorId: 'u-m',
      at: at(base + 2),
      lines: null,
    },
    {
      type: 'dispatch',
      factId: id(base + 3),
      transferId,
      actorId: 'u-a',
      at: at(base + 3),
      storeId: from,
      lines: [
        { productId: 'atta', qtyBase: 6 },
        { productId: 'salt', qtyBase: 4 },
      ],
    },
  ];
  return fold(facts);
}

function fold(facts: TransferFact[], start: TransferState | null = null): TransferState {
  let state = start;
  for (const fact of facts) {
    const outcome = applyTransferFact(state, fact);
    if ('error' in outcome) throw new Error(outcome.error.message);
    state = outcome.state;
  }
  if (state === null) throw new Error('no facts');
  return state;
}

describe('counterInTransit', () => {
  it('splits what is between stores into incoming and outgoing for this store', () => {
    const out = dispatched('0190f5a0-0000-7000-8000-000000000a01', 's-a', 's-b', 0);
    const incoming = dispatched('0190f5a0-0000-7000-8000-000000000a02', 's-c', 's-a', 10);
    // Part of the incoming one arrived: 5 atta received, 1 short, nothing of the salt yet.
    const partly = fold(
      [
        {
          type: 'receive',
          factId: id(20),
          transferId: incoming.transferId,
          actorId: 'u-a',
          at: at(20),
          storeId: 's-a',
          lines: [{ productId: 'atta', receivedQtyBase: 5, shortQtyBase: 1, damagedQtyBase: 0 }],
          note: null,
        },
      ],
      incoming,
    );
    const forA = counterInTransit([out, partly], 's-a');
    // The short atta stays in transit until it is found or written off.
    expect(Object.fromEntries(forA)).toEqual({
      atta: { incomingBase: 1, outgoingBase: 6 },
      salt: { incomingBase: 4, outgoingBase: 4 },
    });
    // Another store sees only its own side; a store not taking part sees nothing.
    expect(Object.fromEntries(counterInTransit([out, partly], 's-b'))).toEqual({
      atta: { incomingBase: 6, outgoingBase: 0 },
      salt: { incomingBase: 4, outgoingBase: 0 },
    });
    expect(counterInTransit([out, partly], 's-z').size).toBe(0);
  });

  it('leaves out a transfer that is requested but not dispatched', () => {
    const requested = fold([
      {
        type: 'request',
        factId: id(40),
        transferId: '0190f5a0-0000-7000-8000-000000000a03',
        actorId: 'u-b',
        at: at(40),
        fromStoreId: 's-a',
        toStoreId: 's-b',
        lines: [{ productId: 'atta', qtyBase: 10 }],
      },
    ]);
    expect(counterInTransit([requested], 's-a').size).toBe(0);
  });
});
