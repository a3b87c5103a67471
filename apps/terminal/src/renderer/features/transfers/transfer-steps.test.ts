import { createUuidV7Generator, type TransferState } from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import {
  dispatchStep,
  openToDispatch,
  pendingToReceive,
  quantityInputOf,
  receiveStep,
  requestStep,
  type StepContext,
} from './transfer-steps';

const clock = { now: () => Date.parse('2026-04-01T05:00:00.000Z') };
const newId = createUuidV7Generator({ clock, random: (bytes) => bytes.fill(7) });
const ctx = (storeId: string): StepContext => ({
  storeId,
  actorId: `cashier-${storeId}`,
  at: '2026-04-01T05:00:00.000Z',
  newId,
});

function approved(requested: TransferState): TransferState {
  return { ...requested, status: 'approved', approved: { by: 'm', at: requested.requested.at } };
}

describe('transfer steps at the counter', () => {
  it('requests stock from another store into this one, dropping empty lines', () => {
    const result = requestStep(ctx('s-b'), ' s-a ', [
      { productId: 'atta', qtyBase: 10 },
      { productId: 'salt', qtyBase: 0 },
    ]);
    if (!result.ok) throw new Error(result.message);
    expect(result.row).toMatchObject({ kind: 'transfer-step', status: 'request', storeId: 's-b' });
    expect(result.row.body).toMatchObject({
      fromStoreId: 's-a',
      toStoreId: 's-b',
      actorId: 'cashier-s-b',
    });
    expect(result.state.lines).toHaveLength(1);
    expect(result.row.docId).not.toBe(result.row.id);
  });

  it('refuses a request from this very store and one with no quantity', () => {
    expect(requestStep(ctx('s-b'), 's-b', [{ productId: 'atta', qtyBase: 1 }])).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
    });
    expect(requestStep(ctx('s-b'), 's-a', [{ productId: 'atta', qtyBase: 0 }])).toMatchObject({
      ok: false,
      code: 'INVALID',
    });
  });

  it('dispatches part of an approved transfer, defaulting to the open quantity, and receives with a shortage', () => {
    const request = requestStep(ctx('s-b'), 's-a', [
      { productId: 'atta', qtyBase: 10 },
      { productId: 'salt', qtyBase: 4 },
    ]);
    if (!request.ok) throw new Error(request.message);
    const transfer = approved(request.state);
    expect(openToDispatch(transfer)).toEqual([
      { productId: 'atta', qtyBase: 10 },
      { productId: 'salt', qtyBase: 4 },
    ]);
    expect(dispatchStep(ctx('s-b'), transfer, openToDispatch(transfer))).toMatchObject({
      ok: false,
      code: 'WRONG_STORE',
    });
    const dispatch = dispatchStep(ctx('s-a'), transfer, [
      { productId: 'atta', qtyBase: 6 },
      { productId: 'salt', qtyBase: 0 },
    ]);
    if (!dispatch.ok) throw new Error(dispatch.message);
    expect(dispatch.state.status).toBe('dispatching');
    expect(openToDispatch(dispatch.state)).toEqual([
      { productId: 'atta', qtyBase: 4 },
      { productId: 'salt', qtyBase: 4 },
    ]);
    expect(pendingToReceive(dispatch.state)).toEqual([{ productId: 'atta', qtyBase: 6 }]);
    const tooMany = receiveStep(
      ctx('s-b'),
      dispatch.state,
      [{ productId: 'atta', receivedQtyBase: 6, shortQtyBase: 1, damagedQtyBase: 0 }],
      '',
    );
    expect(tooMany).toMatchObject({ ok: false, code: 'QTY_EXCEEDS_OPEN' });
    const receive = receiveStep(
      ctx('s-b'),
      dispatch.state,
      [{ productId: 'atta', receivedQtyBase: 5, shortQtyBase: 1, damagedQtyBase: 0 }],
      ' one bag missing ',
    );
    if (!receive.ok) throw new Error(receive.message);
    expect(receive.row.body).toMatchObject({ note: 'one bag missing', storeId: 's-b' });
  });

  it('shows base quantities the way they are typed', () => {
    expect(quantityInputOf(12, 'piece')).toBe('12');
    expect(quantityInputOf(1500, 'g')).toBe('1.5');
    expect(quantityInputOf(2000, 'ml')).toBe('2');
    expect(quantityInputOf(1005, 'g')).toBe('1.005');
  });
});
