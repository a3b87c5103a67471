import { describe, expect, it } from 'vitest';
import { stockMovementSchema } from '../documents/index';
import { checkMovementDocument, validateMovementDelta } from '../stock/index';
import { saleMovements } from './sale-movements';
import { TEST_SALE } from './sale-document.fixtures';

describe('saleMovements', () => {
  it('derives one movement per line, out of stock for a sale, keyed by sale id and line number', () => {
    const movements = saleMovements(TEST_SALE);
    expect(movements.map((m) => [m.id, m.productId, m.kind, m.qtyDeltaBase, m.refId])).toEqual(
      TEST_SALE.lines.map((line) => [
        `${TEST_SALE.id}:${line.lineNo}`,
        line.productId,
        'sale',
        -line.qtyBase,
        TEST_SALE.id,
      ]),
    );
    for (const movement of movements) {
      expect(stockMovementSchema.parse(movement)).toEqual(movement);
      expect(validateMovementDelta(movement.kind, movement.qtyDeltaBase)).toBeNull();
    }
  });

  it('brings a return’s lines back into stock', () => {
    const credit = { ...TEST_SALE, kind: 'return' as const };
    expect(saleMovements(credit).map((m) => [m.kind, m.qtyDeltaBase])).toEqual(
      TEST_SALE.lines.map((line) => ['return', line.qtyBase]),
    );
  });

  it('makes movements no terminal may push itself', () => {
    for (const movement of saleMovements(TEST_SALE)) {
      expect(checkMovementDocument(movement).map((p) => p.code)).toEqual(['DERIVED_MOVEMENT']);
    }
  });
});
