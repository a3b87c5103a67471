import { describe, expect, it } from 'vitest';
import {
  COMPENSATION_CESS_END,
  INDIAN_GST_SCHEDULE,
  INDIAN_TAX_CLASSES,
} from './indian-gst-schedule';
import { specificCessOf, specificCessProblem } from './specific-cess';
import { rateOn, validateTaxRateSchedule } from './tax-rate-schedule';

const PER_THOUSAND = { cessSpecificMinor: 207600, cessSpecificPerQty: 1000 };

describe('specificCessOf', () => {
  it('charges qty × amount per quantity, half up to the paisa', () => {
    // 10 sticks at ₹2,076 per 1,000: 10 × 207600 / 1000 = 2076 exactly.
    expect(specificCessOf(10, PER_THOUSAND)).toBe(2076);
    // 3 sticks: 622.8 → 623; 1 stick: 207.6 → 208; 5 sticks: 1038 exactly.
    expect(specificCessOf(3, PER_THOUSAND)).toBe(623);
    expect(specificCessOf(1, PER_THOUSAND)).toBe(208);
    expect(specificCessOf(5, PER_THOUSAND)).toBe(1038);
    // A half paisa rounds up: 1 × 5 / 2 = 2.5 → 3.
    expect(specificCessOf(1, { cessSpecificMinor: 5, cessSpecificPerQty: 2 })).toBe(3);
  });

  it('is 0 without a specific cess', () => {
    expect(specificCessOf(10, {})).toBe(0);
    expect(specificCessOf(10, { cessSpecificMinor: null, cessSpecificPerQty: null })).toBe(0);
    expect(specificCessOf(10, { cessSpecificMinor: 0, cessSpecificPerQty: 1000 })).toBe(0);
  });

  it('refuses amounts that are not whole, and an amount without its quantity', () => {
    expect(specificCessProblem(PER_THOUSAND)).toBeNull();
    expect(specificCessProblem({})).toBeNull();
    expect(specificCessProblem({ cessSpecificMinor: 0 })).toBeNull();
    expect(specificCessProblem({ cessSpecificMinor: 207600 })).toMatch(/cessSpecificPerQty/);
    expect(specificCessProblem({ cessSpecificMinor: -1, cessSpecificPerQty: 1000 })).toMatch(
      /cessSpecificMinor/,
    );
    expect(specificCessProblem({ cessSpecificMinor: 1.5, cessSpecificPerQty: 1000 })).toMatch(
      /cessSpecificMinor/,
    );
    expect(specificCessProblem({ cessSpecificMinor: 100, cessSpecificPerQty: 0 })).toMatch(
      /cessSpecificPerQty/,
    );
  });
});

describe('specific cess in the schedule', () => {
  it('reports a row with a bad specific cess as INVALID_RATE', () => {
    const problems = validateTaxRateSchedule({
      rows: [
        { taxClassId: 'c', rateBp: 2800, cessBp: 500, effectiveFrom: '2025-01-01' },
        {
          taxClassId: 'd',
          rateBp: 2800,
          cessBp: 500,
          cessSpecificMinor: 207600,
          effectiveFrom: '2025-01-01',
        },
      ],
    });
    expect(problems.map((p) => [p.code, p.rows])).toEqual([['INVALID_RATE', [1]]]);
  });

  it('ships cigarettes at 28 % + ad valorem + per-1,000-stick cess until 1 Feb 2026, then 40 %', () => {
    // Notification 1/2017-Compensation Cess (Rate), S. Nos. 10–15 as amended by 3/2017.
    const expected: Record<string, [number, number]> = {
      'gst-cigarettes-65': [500, 207600],
      'gst-cigarettes-filter-70': [500, 274700],
      'gst-cigarettes-75': [500, 366800],
      'gst-cigarettes-other': [3600, 417000],
    };
    const classes = new Set(INDIAN_TAX_CLASSES.map((c) => c.id));
    for (const [id, [cessBp, perThousand]] of Object.entries(expected)) {
      expect(classes.has(id)).toBe(true);
      expect(rateOn(INDIAN_GST_SCHEDULE, id, '2026-01-31')).toMatchObject({
        rateBp: 2800,
        cessBp,
        cessSpecificMinor: perThousand,
        cessSpecificPerQty: 1000,
      });
      const after = rateOn(INDIAN_GST_SCHEDULE, id, COMPENSATION_CESS_END);
      expect(after).toMatchObject({ rateBp: 4000, cessBp: 0 });
      expect(after.cessSpecificMinor ?? 0).toBe(0);
    }
    expect(validateTaxRateSchedule(INDIAN_GST_SCHEDULE)).toEqual([]);
  });
});
