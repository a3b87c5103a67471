import { describe, expect, it } from 'vitest';
import { promotion, target } from './promotion.fixtures';
import { promotionSchema } from './promotion-schemas';
import { isInSchedule, isoWeekday, localBillTime } from './promotion-window';

describe('localBillTime', () => {
  it('gives the date and clock time in the store zone', () => {
    expect(localBillTime(new Date('2026-12-07T13:00:00Z'), 'Asia/Kolkata')).toEqual({
      date: '2026-12-07',
      time: '18:30',
    });
    // 18:45 UTC on the 7th is already 00:15 on the 8th in India.
    expect(localBillTime(new Date('2026-12-07T18:45:00Z'), 'Asia/Kolkata')).toEqual({
      date: '2026-12-08',
      time: '00:15',
    });
  });
});

describe('isoWeekday', () => {
  it('numbers Monday 1 to Sunday 7', () => {
    expect(['2026-12-07', '2026-12-12', '2026-12-13'].map(isoWeekday)).toEqual([1, 6, 7]);
  });
});

describe('isInSchedule', () => {
  it('includes both end dates and the start of a window, not its end', () => {
    const schedule = {
      validFrom: '2026-12-01',
      validTo: '2026-12-31',
      timeWindows: [
        { from: '07:00', to: '09:00' },
        { from: '21:00', to: '24:00' },
      ],
    };
    expect(isInSchedule(schedule, '2026-12-01', '07:00')).toBe(true);
    expect(isInSchedule(schedule, '2026-12-31', '23:59')).toBe(true);
    expect(isInSchedule(schedule, '2026-12-31', '09:00')).toBe(false);
    expect(isInSchedule(schedule, '2027-01-01', '07:30')).toBe(false);
  });
});

describe('promotionSchema', () => {
  it('fills empty target lists and refuses an empty target, bad windows and reversed dates', () => {
    const offer = promotion('x', {
      kind: 'itemPercent',
      target: { categories: ['dairy'] },
      percentBp: 500,
    });
    expect(offer.rule).toEqual({
      kind: 'itemPercent',
      target: target({ categories: ['dairy'] }),
      percentBp: 500,
    });
    const bad = [
      { ...offer, rule: { kind: 'itemPercent', target: {}, percentBp: 500 } },
      { ...offer, rule: { ...offer.rule, percentBp: 10_001 } },
      { ...offer, schedule: { validFrom: '2026-12-02', validTo: '2026-12-01' } },
      {
        ...offer,
        schedule: { ...offer.schedule, timeWindows: [{ from: '22:00', to: '02:00' }] },
      },
      { ...offer, schedule: { ...offer.schedule, weekdays: [0] } },
      { ...offer, scope: { level: 'stores', storeIds: [] } },
    ];
    for (const value of bad) expect(promotionSchema.safeParse(value).success).toBe(false);
  });
});
