import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ADJUSTMENT_REASONS,
  STOCK_MOVEMENT_KINDS,
  type StockMovementKind,
  adjustmentReasonSchema,
  countToDelta,
  stockMovementKindSchema,
  validateMovementDelta,
  validateStockMovement,
} from './stock-movement';

describe('validateMovementDelta', () => {
  it('applies the sign rule of each kind', () => {
    const table: [StockMovementKind, number, number, number][] = [
      // kind, answer for -5, for 0, for +5 as: 0 = valid, 1 = wrong sign, 2 = zero quantity
      ['sale', 0, 2, 1],
      ['transfer_out', 0, 2, 1],
      ['return', 1, 2, 0],
      ['receipt', 1, 2, 0],
      ['transfer_in', 1, 2, 0],
      ['adjustment', 0, 2, 0],
      ['count', 0, 0, 0],
    ];
    const codes = [null, 'WRONG_SIGN_FOR_KIND', 'ZERO_QUANTITY'] as const;
    const actual = table.map(([kind]) => [
      kind,
      ...[-5, 0, 5].map((q) => validateMovementDelta(kind, q)),
    ]);
    const expected = table.map(([kind, neg, zero, pos]) => [
      kind,
      codes[neg],
      codes[zero],
      codes[pos],
    ]);
    expect(actual).toEqual(expected);
    expect(table.map(([kind]) => kind).sort()).toEqual([...STOCK_MOVEMENT_KINDS].sort());
  });

  it('refuses fractions and quantities past 2^53', () => {
    expect(validateMovementDelta('receipt', 1.5)).toBe('QTY_NOT_INTEGER');
    expect(validateMovementDelta('receipt', Number.NaN)).toBe('QTY_NOT_INTEGER');
    expect(validateMovementDelta('receipt', Number.POSITIVE_INFINITY)).toBe('QTY_NOT_INTEGER');
    expect(validateMovementDelta('sale', -(2 ** 53))).toBe('QTY_OUT_OF_RANGE');
    expect(validateMovementDelta('receipt', Number.MAX_SAFE_INTEGER)).toBeNull();
  });

  it('never accepts a sale that adds stock or a receipt that removes it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STOCK_MOVEMENT_KINDS), fc.integer(), (kind, qty) => {
        if (validateMovementDelta(kind, qty) !== null) return;
        if (kind === 'sale' || kind === 'transfer_out') expect(qty).toBeLessThan(0);
        if (kind === 'return' || kind === 'receipt' || kind === 'transfer_in')
          expect(qty).toBeGreaterThan(0);
      }),
    );
  });
});

describe('validateStockMovement', () => {
  it('requires a reason on adjustments and only there', () => {
    expect(
      validateStockMovement({ kind: 'adjustment', qtyDeltaBase: -2, reason: 'expiry' }),
    ).toBeNull();
    expect(validateStockMovement({ kind: 'adjustment', qtyDeltaBase: -2 })).toBe(
      'ADJUSTMENT_REASON_REQUIRED',
    );
    expect(validateStockMovement({ kind: 'adjustment', qtyDeltaBase: 2, reason: null })).toBe(
      'ADJUSTMENT_REASON_REQUIRED',
    );
    expect(validateStockMovement({ kind: 'sale', qtyDeltaBase: -1, reason: 'theft' })).toBe(
      'REASON_ONLY_FOR_ADJUSTMENT',
    );
    expect(validateStockMovement({ kind: 'sale', qtyDeltaBase: 1 })).toBe('WRONG_SIGN_FOR_KIND');
  });
});

describe('countToDelta', () => {
  it('stores a count as counted minus expected', () => {
    expect(countToDelta(17, 20)).toBe(-3);
    expect(countToDelta(20, 20)).toBe(0);
    expect(countToDelta(5, -2)).toBe(7);
    expect(countToDelta(0, 12)).toBe(-12);
  });

  it('brings the level to the counted quantity', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1e9 }),
        fc.integer({ min: -1e9, max: 1e9 }),
        (counted, expected) => {
          expect(expected + countToDelta(counted, expected)).toBe(counted);
        },
      ),
    );
  });

  it('refuses negative counts, fractions and overflow', () => {
    expect(() => countToDelta(-1, 0)).toThrow(
      expect.objectContaining({ code: 'NEGATIVE_COUNT' }) as Error,
    );
    expect(() => countToDelta(1.5, 0)).toThrow(
      expect.objectContaining({ code: 'QTY_NOT_INTEGER' }) as Error,
    );
    expect(() => countToDelta(1, 2 ** 60)).toThrow(
      expect.objectContaining({ code: 'QTY_OUT_OF_RANGE' }) as Error,
    );
    expect(() => countToDelta(Number.MAX_SAFE_INTEGER, -1)).toThrow(
      expect.objectContaining({ name: 'StockError', code: 'STOCK_LEVEL_OVERFLOW' }) as Error,
    );
  });
});

describe('schemas', () => {
  it('accept the known kinds and reasons only', () => {
    expect(stockMovementKindSchema.parse('transfer_in')).toBe('transfer_in');
    expect(stockMovementKindSchema.safeParse('transfer').success).toBe(false);
    expect(ADJUSTMENT_REASONS.map((r) => adjustmentReasonSchema.parse(r))).toEqual([
      ...ADJUSTMENT_REASONS,
    ]);
    expect(adjustmentReasonSchema.safeParse('lost').success).toBe(false);
  });
});
