import { describe, expect, it } from 'vitest';
import { cartReducer, EMPTY_CART, type CartLine, type CartState } from './cart';

function line(key: string, overrides: Partial<CartLine> = {}): CartLine {
  return {
    key,
    productId: key,
    nameEn: key,
    nameHi: '',
    hsn: '2106',
    unit: 'piece',
    soldLoose: false,
    priceBasisQty: 1,
    unitPriceMinor: 1000,
    mrpMinor: 1000,
    gstRateBp: 1800,
    cessRateBp: 0,
    qtyBase: 1,
    ...overrides,
  };
}

const withTwo: CartState = [line('a'), line('b')].reduce(
  (state, next) => cartReducer(state, { type: 'add', line: next }),
  EMPTY_CART,
);

describe('cartReducer', () => {
  it('adds lines and selects the newest', () => {
    expect(withTwo.lines.map((l) => l.key)).toEqual(['a', 'b']);
    expect(withTwo.selectedKey).toBe('b');
  });

  it('merges a second scan of a packaged product into its line', () => {
    const state = cartReducer(withTwo, { type: 'add', line: line('a2', { productId: 'a' }) });
    expect(state.lines.map((l) => [l.key, l.qtyBase])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    expect(state.selectedKey).toBe('a');
  });

  it('keeps each weighing of a loose product as its own line', () => {
    const rice = (key: string, grams: number) =>
      line(key, { productId: 'rice', soldLoose: true, unit: 'g', qtyBase: grams });
    const state = [rice('r1', 500), rice('r2', 750)].reduce(
      (s, next) => cartReducer(s, { type: 'add', line: next }),
      EMPTY_CART,
    );
    expect(state.lines.map((l) => l.qtyBase)).toEqual([500, 750]);
  });

  it('sets quantities but ignores zero, negative and fractional ones', () => {
    const state = cartReducer(withTwo, { type: 'setQty', key: 'a', qtyBase: 3 });
    expect(state.lines[0]?.qtyBase).toBe(3);
    for (const qtyBase of [0, -1, 1.5]) {
      expect(cartReducer(state, { type: 'setQty', key: 'a', qtyBase })).toBe(state);
    }
  });

  it('voids a line and selects its neighbour; voiding the last line drops the discount', () => {
    const discounted = cartReducer(withTwo, { type: 'setBillDiscount', amountMinor: 100 });
    const one = cartReducer(discounted, { type: 'void', key: 'b' });
    expect(one.lines.map((l) => l.key)).toEqual(['a']);
    expect(one.selectedKey).toBe('a');
    expect(one.billDiscountMinor).toBe(100);
    const none = cartReducer(one, { type: 'void', key: 'a' });
    expect(none).toEqual({ ...EMPTY_CART });
  });

  it('drops entered payments when the lines or the discount change', () => {
    const paid = cartReducer(withTwo, {
      type: 'addPayment',
      payment: { method: 'cash', amountMinor: 2000 },
    });
    expect(paid.payments).toHaveLength(1);
    expect(cartReducer(paid, { type: 'add', line: line('c') }).payments).toEqual([]);
    expect(cartReducer(paid, { type: 'setBillDiscount', amountMinor: 10 }).payments).toEqual([]);
    expect(cartReducer(paid, { type: 'removePayment', index: 0 }).payments).toEqual([]);
  });

  it('moves the selection with the arrow keys within bounds', () => {
    const up = cartReducer(withTwo, { type: 'selectPrevious' });
    expect(up.selectedKey).toBe('a');
    expect(cartReducer(up, { type: 'selectPrevious' }).selectedKey).toBe('a');
    expect(cartReducer(up, { type: 'selectNext' }).selectedKey).toBe('b');
    expect(cartReducer(EMPTY_CART, { type: 'selectNext' })).toBe(EMPTY_CART);
  });

  it('restores a parked cart and clears to empty', () => {
    expect(cartReducer(EMPTY_CART, { type: 'restore', cart: withTwo })).toBe(withTwo);
    expect(cartReducer(withTwo, { type: 'clear' })).toBe(EMPTY_CART);
  });

  it('closes a bill by its lines and keeps what was scanned while it was being written', () => {
    const open = cartReducer(withTwo, { type: 'setBillDiscount', amountMinor: 100 });
    let state = cartReducer(open, { type: 'add', line: line('c') });
    state = cartReducer(state, { type: 'add', line: line('a3', { productId: 'a' }) });
    state = cartReducer(state, { type: 'closed', lines: open.lines });
    expect(state.lines.map((l) => [l.key, l.qtyBase])).toEqual([
      ['a', 1],
      ['c', 1],
    ]);
    expect(state.billDiscountMinor).toBe(0);
    expect(cartReducer(open, { type: 'closed', lines: open.lines })).toBe(EMPTY_CART);
  });
});
