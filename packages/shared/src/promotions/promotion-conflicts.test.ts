import { describe, expect, it } from 'vitest';
import { competeForUnits, isCombinable } from './promotion-conflicts';
import { promotion, target } from './promotion.fixtures';

const multiBuy = (id: string, t: ReturnType<typeof target>) =>
  promotion(id, { kind: 'multiBuy', target: t, qtyBase: 3, priceMinor: 10000 });

describe('competeForUnits', () => {
  it('keeps apart only targets of one kind of list with no name in common', () => {
    const soap = multiBuy('a', target({ productIds: ['soap'] }));
    expect(competeForUnits(soap, multiBuy('b', target({ productIds: ['tea'] })))).toBe(false);
    expect(competeForUnits(soap, multiBuy('b', target({ productIds: ['soap', 'tea'] })))).toBe(
      true,
    );
    // A product and a category may meet on a line (the soap may be in "bath"): they compete.
    expect(competeForUnits(soap, multiBuy('b', target({ categories: ['bath'] })))).toBe(true);
    const dairy = multiBuy('c', target({ categories: ['dairy'] }));
    expect(competeForUnits(dairy, multiBuy('d', target({ categories: ['bath'] })))).toBe(false);
  });

  it('never holds item offers or thresholds back', () => {
    const soap = multiBuy('a', target({ productIds: ['soap'] }));
    const tenOff = promotion('t', {
      kind: 'itemPercent',
      target: target({ productIds: ['soap'] }),
      percentBp: 1000,
    });
    const spend = promotion('s', {
      kind: 'billThreshold',
      minValueMinor: 0,
      off: { type: 'amount', amountMinor: 100 },
    });
    expect(isCombinable([soap, tenOff, spend])).toBe(true);
    expect(isCombinable([soap, tenOff, multiBuy('b', target({ brands: ['lux'] }))])).toBe(false);
  });
});
