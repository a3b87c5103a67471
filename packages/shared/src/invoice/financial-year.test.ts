import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { financialYearLabel, financialYearOf, financialYearStart } from './financial-year';

describe('financialYearOf', () => {
  it('turns over at midnight India time between 31 March and 1 April', () => {
    expect(financialYearOf(new Date('2026-03-31T18:29:59.999Z'))).toBe(2025);
    expect(financialYearOf(new Date('2026-03-31T18:30:00.000Z'))).toBe(2026);
  });

  it('uses India time, not UTC: 1 April 03:00 IST is still 31 March in UTC', () => {
    expect(financialYearOf(new Date('2025-03-31T21:30:00Z'))).toBe(2025);
  });

  it('puts January to March in the year that started the previous April', () => {
    expect(financialYearOf(new Date('2026-01-15T06:00:00Z'))).toBe(2025);
    expect(financialYearOf(new Date('2025-12-31T18:29:59Z'))).toBe(2025);
  });

  it('refuses an invalid date with INVOICE_DATE_INVALID', () => {
    expect(() => financialYearOf(new Date(Number.NaN))).toThrow(
      expect.objectContaining({ code: 'INVOICE_DATE_INVALID' }) as Error,
    );
  });

  it('places every instant between the start of its year and the start of the next', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
        (date) => {
          const fy = financialYearOf(date);
          expect(financialYearStart(fy).getTime()).toBeLessThanOrEqual(date.getTime());
          expect(financialYearStart(fy + 1).getTime()).toBeGreaterThan(date.getTime());
        },
      ),
    );
  });
});

describe('financialYearStart', () => {
  it('is 1 April 00:00 in India', () => {
    expect(financialYearStart(2025).toISOString()).toBe('2025-03-31T18:30:00.000Z');
  });
});

describe('financialYearLabel', () => {
  it('prints the start year and the two-digit end year', () => {
    expect(financialYearLabel(2025)).toBe('2025-26');
    expect(financialYearLabel(2099)).toBe('2099-00');
    expect(financialYearLabel(2008)).toBe('2008-09');
  });
});
