import { describe, expect, it } from 'vitest';
import { type PoLineDraft, lineInput, lineValueMinor } from './po-lines';

const line = (patch: Partial<PoLineDraft> = {}): PoLineDraft => ({
  productId: 'p-atta',
  label: 'ATTA5',
  orderUnitName: 'case',
  pack: '24',
  packs: '5',
  cost: '240.00',
  ...patch,
});

describe('PO line input', () => {
  it('turns typed packs and a rupee cost into integer API input', () => {
    expect(lineInput(line())).toEqual({
      productId: 'p-atta',
      orderUnitName: 'case',
      baseUnitsPerOrderUnit: 24,
      orderedQtyOrderUnits: 5,
      costMinorPerOrderUnit: 24000,
    });
    expect(lineValueMinor(line({ packs: '3', cost: '₹1,250.50' }))).toBe(375150);
  });

  it('refuses zero, fractions, bad amounts and a missing unit name', () => {
    for (const patch of [
      { packs: '0' },
      { pack: '2.5' },
      { packs: '' },
      { cost: '1.005' },
      { cost: 'abc' },
      { orderUnitName: ' ' },
      { pack: String(2 ** 40), packs: String(2 ** 20) },
    ]) {
      expect(lineInput(line(patch)), JSON.stringify(patch)).toBeNull();
      expect(lineValueMinor(line(patch))).toBe(0);
    }
  });
});
