import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stockLevel, validateMovementDelta } from '../stock/index';
import { stockEffectOf } from './stock-effect';

describe('stockEffectOf', () => {
  it('takes a sale line out of stock and brings a return line back', () => {
    expect(stockEffectOf({ qtyBase: 1250 }, 'sale')).toBe(-1250);
    expect(stockEffectOf({ qtyBase: 2 }, 'return')).toBe(2);
  });

  it('never gives −0', () => {
    expect(Object.is(stockEffectOf({ qtyBase: 0 }, 'sale'), 0)).toBe(true);
  });

  it('has the sign the movement rules require of sale and return movements', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (qtyBase) => {
        expect(validateMovementDelta('sale', stockEffectOf({ qtyBase }, 'sale'))).toBeNull();
        expect(validateMovementDelta('return', stockEffectOf({ qtyBase }, 'return'))).toBeNull();
      }),
    );
  });

  it('leaves the level unchanged when a sale is returned in full', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1 }), (qtys) => {
        const effects = qtys.flatMap((qtyBase) => [
          { qtyDeltaBase: stockEffectOf({ qtyBase }, 'sale') },
          { qtyDeltaBase: stockEffectOf({ qtyBase }, 'return') },
        ]);
        expect(stockLevel(effects)).toBe(0);
      }),
    );
  });
});
