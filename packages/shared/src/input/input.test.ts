import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCalendarDate, isIsoTimestamp, isRealDateTime } from './calendar-date';
import { calendarDateSchema, queryIntSchema, textSchema } from './input-schemas';
import { findIllFormedText, isWellFormedText } from './well-formed-text';

describe('isCalendarDate', () => {
  it('holds exactly the days that JavaScript writes back unchanged', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (year, month, day) => {
          const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const date = new Date(0);
          date.setUTCFullYear(year, month - 1, day);
          expect(isCalendarDate(text)).toBe(date.toISOString().slice(0, 10) === text);
        },
      ),
      { numRuns: 2000, seed: 12_4 },
    );
  });

  it('refuses year 0000, 30 February and 29 February outside leap years', () => {
    expect(
      ['0000-00-00', '2026-02-30', '2025-02-29', '1900-02-29', '2026-1-01'].map(isCalendarDate),
    ).toEqual([false, false, false, false, false]);
    expect(['2028-02-29', '2000-02-29', '0001-01-01', '9999-12-31'].map(isCalendarDate)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(calendarDateSchema.safeParse('2026-02-30').success).toBe(false);
  });
});

describe('timestamps', () => {
  it('accepts toISOString output and refuses rolled-over days and hours', () => {
    expect(isIsoTimestamp(new Date(Date.UTC(2026, 3, 1, 4, 30)).toISOString())).toBe(true);
    expect(isIsoTimestamp('2026-02-30T04:30:00.000Z')).toBe(false);
    expect(isIsoTimestamp('2026-04-01T24:00:00.000Z')).toBe(false);
    expect(isRealDateTime('2026-04-01T10:00:00+05:30')).toBe(true);
    expect(isRealDateTime('2026-02-30T10:00:00Z')).toBe(false);
    expect(isRealDateTime('2026-04-01T10:60:00Z')).toBe(false);
  });
});

describe('well-formed text', () => {
  it('refuses NUL and unpaired surrogates, keeps every other string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(isWellFormedText(text)).toBe(!text.includes('\u0000'));
      }),
      { numRuns: 1000, seed: 12_5 },
    );
    expect(['a\u0000', '\ud800', 'x\udc00y', '\udc00\ud800'].map(isWellFormedText)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(textSchema({ max: 10 }).safeParse('चाय 🍵').success).toBe(true);
  });

  it('finds the path of the first bad string in nested values and keys', () => {
    expect(findIllFormedText({ a: [1, { b: 'ok' }, { c: 'x\u0000' }] })).toEqual({
      path: 'a.2.c',
      message: 'contains a NUL character (U+0000)',
    });
    expect(findIllFormedText({ 'k\ud800': 1 })).toEqual({
      path: 'k\ud800',
      message: 'key contains an unpaired UTF-16 surrogate',
    });
    expect(findIllFormedText({ a: ['fine', 2, null] })).toBeUndefined();
  });
});

describe('queryIntSchema', () => {
  it('takes plain decimal integers inside the bounds only', () => {
    const limit = queryIntSchema(1, 500);
    expect(['1', '500', '42'].map((t) => limit.safeParse(t).data)).toEqual([1, 500, 42]);
    expect(
      ['0', '501', '1e3', ' 5', '0x10', '1.0', '', '99999999999999999999'].map(
        (t) => limit.safeParse(t).success,
      ),
    ).toEqual([false, false, false, false, false, false, false, false]);
  });
});
