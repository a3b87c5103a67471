import { describe, expect, it } from 'vitest';
import { assertHsn, isValidHsn } from './hsn';
import { businessDate, isIsoDate } from './business-date';
import {
  COMPENSATION_CESS_END,
  GST_2_EFFECTIVE_FROM,
  INDIAN_GST_SCHEDULE,
  INDIAN_TAX_CLASSES,
} from './indian-gst-schedule';
import { taxFromInclusive } from './inclusive-tax';
import { assertWithinMrp, isWithinMrp } from './mrp';
import { rateOn, type TaxRateSchedule, validateTaxRateSchedule } from './tax-rate-schedule';

const rates = (taxClassId: string, date: string) => {
  const { rateBp, cessBp } = rateOn(INDIAN_GST_SCHEDULE, taxClassId, date);
  return [rateBp, cessBp];
};

describe('INDIAN_GST_SCHEDULE', () => {
  it('is consistent and covers every tax class', () => {
    expect(validateTaxRateSchedule(INDIAN_GST_SCHEDULE)).toEqual([]);
    for (const { id } of INDIAN_TAX_CLASSES) {
      expect(() => rateOn(INDIAN_GST_SCHEDULE, id, COMPENSATION_CESS_END)).not.toThrow();
      if (id === 'gst-tobacco') continue;
      expect(() => rateOn(INDIAN_GST_SCHEDULE, id, '2025-09-21')).not.toThrow();
      expect(() => rateOn(INDIAN_GST_SCHEDULE, id, GST_2_EFFECTIVE_FROM)).not.toThrow();
    }
  });

  it('shows the GST 2.0 move on 22 Sept 2025', () => {
    expect(rates('gst-was-12-now-5', '2025-09-21')).toEqual([1200, 0]);
    expect(rates('gst-was-12-now-5', '2025-09-22')).toEqual([500, 0]);
    expect(rates('gst-was-28-now-18', '2025-09-21')).toEqual([2800, 0]);
    expect(rates('gst-was-28-now-18', '2025-09-22')).toEqual([1800, 0]);
    expect(rates('gst-was-28-cess-now-40', '2025-09-21')).toEqual([2800, 1200]);
    expect(rates('gst-was-28-cess-now-40', '2026-01-01')).toEqual([4000, 0]);
    expect(rates('gst-was-5-now-nil', '2025-09-22')).toEqual([0, 0]);
    expect(rates('gst-28-cess-pan-masala', '2025-09-22')).toEqual([2800, 6000]);
    expect(rates('gst-0.25', '2025-09-22')).toEqual([25, 0]);
    expect(rates('gst-3', '2025-09-22')).toEqual([300, 0]);
  });

  // Notification 19/2025-Central Tax (Rate) and 03/2025-Compensation Cess (Rate), both of
  // 31 Dec 2025, in force from 1 Feb 2026 (docs/gst.md, "Schedule").
  it('ends the compensation cess on 1 Feb 2026: pan masala and tobacco at 40 %, biris at 18 %', () => {
    expect(COMPENSATION_CESS_END).toBe('2026-02-01');
    expect(rates('gst-28-cess-pan-masala', '2026-01-31')).toEqual([2800, 6000]);
    expect(rates('gst-28-cess-pan-masala', '2026-02-01')).toEqual([4000, 0]);
    expect(rates('gst-28-cess-pan-masala', '2026-12-07')).toEqual([4000, 0]);
    expect(rates('gst-biris', '2026-01-31')).toEqual([2800, 0]);
    expect(rates('gst-biris', '2026-02-01')).toEqual([1800, 0]);
    expect(rates('gst-tobacco', '2026-02-01')).toEqual([4000, 0]);
    // Before, cigarettes and chewing tobacco carried a per-stick or RSP-linked cess that basis
    // points cannot express: no row, so such a bill finds no rate rather than a wrong one.
    expect(() => rateOn(INDIAN_GST_SCHEDULE, 'gst-tobacco', '2026-01-31')).toThrow(
      expect.objectContaining({ code: 'NO_RATE_IN_FORCE' }),
    );
    const cessAfter = INDIAN_GST_SCHEDULE.rows.filter(
      (row) =>
        row.cessBp > 0 && (row.effectiveTo == null || row.effectiveTo > COMPENSATION_CESS_END),
    );
    expect(cessAfter).toEqual([]);
  });

  it('taxes a ₹10 pan masala pouch by the date of the bill', () => {
    const pouch = (date: string) => {
      const { rateBp, cessBp } = rateOn(INDIAN_GST_SCHEDULE, 'gst-28-cess-pan-masala', date);
      return taxFromInclusive(1000, rateBp, cessBp, 'intra');
    };
    // 1000 × 10000 / 18800 = 531.9 → 532; tax 468 split 2800 : 6000 → GST 149, cess 319.
    expect(pouch('2026-01-31')).toEqual({
      taxableMinor: 532,
      cgstMinor: 75,
      sgstMinor: 74,
      igstMinor: 0,
      cessMinor: 319,
    });
    // 1000 × 10000 / 14000 = 714.3 → 714; tax 286, all GST.
    expect(pouch('2026-02-01')).toEqual({
      taxableMinor: 714,
      cgstMinor: 143,
      sgstMinor: 143,
      igstMinor: 0,
      cessMinor: 0,
    });
  });

  it('uses only the slabs of each era', () => {
    const slabs = (date: string) =>
      [
        ...new Set(
          INDIAN_TAX_CLASSES.filter(
            ({ id }) => id !== 'gst-tobacco' || date >= COMPENSATION_CESS_END,
          ).map(({ id }) => rates(id, date)[0]),
        ),
      ].sort((a = 0, b = 0) => a - b);
    expect(slabs('2025-09-21')).toEqual([0, 25, 300, 500, 1200, 1800, 2800]);
    expect(slabs('2025-09-22')).toEqual([0, 25, 300, 500, 1800, 2800, 4000]);
    // From 1 Feb 2026 the 28 % slab is gone (Schedule VII of 9/2025-CT(R) omitted).
    expect(slabs('2026-02-01')).toEqual([0, 25, 300, 500, 1800, 4000]);
  });
});

describe('rateOn', () => {
  it('refuses unknown classes, dates before the data and invalid dates', () => {
    expect(() => rateOn(INDIAN_GST_SCHEDULE, 'nope', '2025-09-22')).toThrow(
      expect.objectContaining({ code: 'NO_RATE_IN_FORCE' }),
    );
    expect(() => rateOn(INDIAN_GST_SCHEDULE, 'gst-5', '2017-07-01')).toThrow(
      expect.objectContaining({ code: 'NO_RATE_IN_FORCE' }),
    );
    expect(() => rateOn(INDIAN_GST_SCHEDULE, 'gst-5', '2025-02-30')).toThrow(
      expect.objectContaining({ code: 'INVALID_DATE' }),
    );
  });

  it('skips deleted rows and reports overlaps instead of guessing', () => {
    const schedule: TaxRateSchedule = {
      rows: [
        { taxClassId: 'x', rateBp: 500, cessBp: 0, effectiveFrom: '2025-01-01', effectiveTo: null },
        {
          taxClassId: 'x',
          rateBp: 1800,
          cessBp: 0,
          effectiveFrom: '2025-06-01',
          effectiveTo: null,
        },
        { taxClassId: 'y', rateBp: 1800, cessBp: 0, effectiveFrom: '2025-01-01', _deleted: true },
      ],
    };
    expect(rateOn(schedule, 'x', '2025-05-31').rateBp).toBe(500);
    expect(() => rateOn(schedule, 'x', '2025-06-01')).toThrow(
      expect.objectContaining({ code: 'OVERLAPPING_RATES' }),
    );
    expect(() => rateOn(schedule, 'y', '2025-06-01')).toThrow(
      expect.objectContaining({ code: 'NO_RATE_IN_FORCE' }),
    );
    expect(validateTaxRateSchedule(schedule)).toEqual([
      {
        code: 'OVERLAPPING_RATES',
        message: 'Tax class "x" has overlapping rows 0 and 1.',
        rows: [0, 1],
      },
    ]);
  });

  it('validates rates and date ranges', () => {
    const schedule: TaxRateSchedule = {
      rows: [
        { taxClassId: 'a', rateBp: -5, cessBp: 0, effectiveFrom: '2025-01-01' },
        {
          taxClassId: 'b',
          rateBp: 500,
          cessBp: 0,
          effectiveFrom: '2025-01-01',
          effectiveTo: '2025-01-01',
        },
      ],
    };
    expect(validateTaxRateSchedule(schedule).map((p) => [p.code, p.rows])).toEqual([
      ['INVALID_RATE', [0]],
      ['INVALID_DATE', [1]],
    ]);
  });
});

describe('businessDate', () => {
  it('dates an instant in India time', () => {
    expect(businessDate(new Date('2025-09-21T18:29:59Z'))).toBe('2025-09-21');
    expect(businessDate(new Date('2025-09-21T18:30:00Z'))).toBe('2025-09-22');
    expect(businessDate(new Date('2025-09-21T18:30:00Z'), 'UTC')).toBe('2025-09-21');
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
  });
});

describe('HSN codes', () => {
  it('accepts 4, 6 or 8 digits', () => {
    for (const code of ['0401', '040110', '04011010', '9963'])
      expect(isValidHsn(code), code).toBe(true);
    for (const code of ['', '040', '04011', '0401101', '040110101', '0000', 'ABCD', '04 01']) {
      expect(isValidHsn(code), code).toBe(false);
    }
    expect(() => {
      assertHsn('12345');
    }).toThrow(expect.objectContaining({ code: 'INVALID_HSN' }));
  });
});

describe('assertWithinMrp', () => {
  it('allows prices up to the MRP and refuses above it with OVER_MRP', () => {
    expect(isWithinMrp(10000, 10000)).toBe(true);
    expect(() => {
      assertWithinMrp(10000, 10000);
    }).not.toThrow();
    expect(() => {
      assertWithinMrp(10001, 10000, { productId: 'p1' });
    }).toThrow(
      expect.objectContaining({
        code: 'OVER_MRP',
        details: { productId: 'p1', unitPriceMinor: 10001, mrpMinor: 10000 },
      }),
    );
  });
});
