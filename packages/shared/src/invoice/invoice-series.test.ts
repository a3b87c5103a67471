import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { financialYearOf } from './financial-year';
import { parseInvoiceNumber } from './invoice-number';
import {
  type InvoiceSeriesState,
  invoiceSeriesStateSchema,
  newInvoiceSeries,
  nextInvoiceNumber,
} from './invoice-series';

const lastBillOfFy2025 = new Date('2026-03-31T18:29:59.999Z');
const firstInstantOfFy2026 = new Date('2026-03-31T18:30:00.000Z');
const HOUR_MS = 3_600_000;

/** Issues one number per date, threading the state like a terminal does. */
function issueAll(start: InvoiceSeriesState, dates: readonly Date[]) {
  let state = start;
  return dates.map((date) => {
    const issued = nextInvoiceNumber(state, date);
    state = issued.state;
    const parsed = parseInvoiceNumber(issued.invoiceNo);
    if (!parsed.ok) throw new Error(`issued an unparseable number ${issued.invoiceNo}`);
    return { date, invoiceNo: issued.invoiceNo, ...parsed.value };
  });
}

/** Serials per financial year, in issue order. */
function serialsByFy(issued: readonly { fy: number; serial: number }[]): Map<number, number[]> {
  const byFy = new Map<number, number[]>();
  for (const { fy, serial } of issued) byFy.set(fy, [...(byFy.get(fy) ?? []), serial]);
  return byFy;
}

describe('nextInvoiceNumber', () => {
  it('issues the next serial and returns the state to persist', () => {
    expect(
      nextInvoiceNumber(
        { seriesCode: 'BLR1T2', fy: 2025, lastSerial: 41 },
        new Date('2025-06-01T10:00:00Z'),
      ),
    ).toEqual({
      invoiceNo: 'BLR1T2/25/000042',
      state: { seriesCode: 'BLR1T2', fy: 2025, lastSerial: 42 },
    });
  });

  it('restarts at 1 on 1 April India time', () => {
    const state = { seriesCode: 'BLR1T2', fy: 2025, lastSerial: 1234 };
    const march = nextInvoiceNumber(state, lastBillOfFy2025);
    const april = nextInvoiceNumber(march.state, firstInstantOfFy2026);
    expect([march.invoiceNo, april.invoiceNo]).toEqual(['BLR1T2/25/001235', 'BLR1T2/26/000001']);
    expect(april.state).toEqual({ seriesCode: 'BLR1T2', fy: 2026, lastSerial: 1 });
  });

  it('keeps numbering in the newer year when the clock is set back across 31 March', () => {
    const state = { seriesCode: 'BLR1T2', fy: 2026, lastSerial: 3 };
    expect(nextInvoiceNumber(state, lastBillOfFy2025)).toEqual({
      invoiceNo: 'BLR1T2/26/000004',
      state: { seriesCode: 'BLR1T2', fy: 2026, lastSerial: 4 },
    });
  });

  it('refuses to go past 999,999 with INVOICE_SERIES_EXHAUSTED, but a new year starts afresh', () => {
    const full = { seriesCode: 'BLR1T2', fy: 2025, lastSerial: 999_999 };
    expect(() => nextInvoiceNumber(full, lastBillOfFy2025)).toThrow(
      expect.objectContaining({
        name: 'InvoiceNumberError',
        code: 'INVOICE_SERIES_EXHAUSTED',
      }) as Error,
    );
    expect(nextInvoiceNumber(full, firstInstantOfFy2026).invoiceNo).toBe('BLR1T2/26/000001');
  });

  it('refuses a corrupt persisted state', () => {
    const date = new Date('2025-06-01T10:00:00Z');
    const cases = [
      [{ seriesCode: 'blr', fy: 2025, lastSerial: 0 }, 'INVOICE_SERIES_CODE_INVALID'],
      [{ seriesCode: 'BLR', fy: 1999, lastSerial: 0 }, 'INVOICE_FY_OUT_OF_RANGE'],
      [{ seriesCode: 'BLR', fy: 2025, lastSerial: -1 }, 'INVOICE_SERIAL_OUT_OF_RANGE'],
      [{ seriesCode: 'BLR', fy: 2025, lastSerial: 0.5 }, 'INVOICE_SERIAL_OUT_OF_RANGE'],
    ] as const;
    for (const [state, code] of cases) {
      expect(() => nextInvoiceNumber(state, date)).toThrow(
        expect.objectContaining({ code }) as Error,
      );
    }
  });

  it('numbers consecutively within each year and never repeats across a year boundary', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.array(fc.integer({ min: 0, max: 72 * HOUR_MS }), { minLength: 1, maxLength: 60 }),
        (lastSerial, offsetsMs) => {
          // Bills from 36 hours before to 36 hours after the turn of the year, in time order.
          const base = firstInstantOfFy2026.getTime() - 36 * HOUR_MS;
          const dates = [...offsetsMs].sort((a, b) => a - b).map((ms) => new Date(base + ms));
          const issued = issueAll({ seriesCode: 'BLR1T2', fy: 2025, lastSerial }, dates);

          expect(new Set(issued.map((i) => i.invoiceNo)).size).toBe(issued.length);
          for (const bill of issued) {
            expect(bill.fy).toBe(financialYearOf(bill.date));
            expect(bill.invoiceNo.length).toBeLessThanOrEqual(16);
            expect(bill.invoiceNo).toMatch(/^[A-Za-z0-9/-]+$/);
          }
          const byFy = serialsByFy(issued);
          const first = { 2025: lastSerial + 1, 2026: 1 } as Record<number, number>;
          for (const [fy, serials] of byFy) {
            expect(serials).toEqual(serials.map((_, i) => (first[fy] ?? Number.NaN) + i));
          }
        },
      ),
    );
  });

  it('stays unique and consecutive even when the clock jumps back and forth', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.date({
            min: new Date('2024-01-01'),
            max: new Date('2028-12-31'),
            noInvalidDate: true,
          }),
          {
            minLength: 1,
            maxLength: 60,
          },
        ),
        (dates) => {
          const issued = issueAll(newInvoiceSeries('K42T1', new Date('2023-12-31')), dates);
          expect(new Set(issued.map((i) => i.invoiceNo)).size).toBe(issued.length);
          for (const serials of serialsByFy(issued).values()) {
            expect(serials).toEqual(serials.map((_, i) => i + 1));
          }
        },
      ),
    );
  });
});

describe('newInvoiceSeries', () => {
  it('starts empty in the financial year of the date', () => {
    expect(newInvoiceSeries('BLR1T2', new Date('2026-02-01T10:00:00Z'))).toEqual({
      seriesCode: 'BLR1T2',
      fy: 2025,
      lastSerial: 0,
    });
  });

  it('refuses a series code that would not fit 16 characters', () => {
    expect(() => newInvoiceSeries('BLR01T2', new Date('2026-02-01'))).toThrow(
      expect.objectContaining({ code: 'INVOICE_SERIES_CODE_INVALID' }) as Error,
    );
  });
});

describe('invoiceSeriesStateSchema', () => {
  it('accepts a valid state and refuses a corrupt one', () => {
    expect(
      invoiceSeriesStateSchema.parse({ seriesCode: 'BLR1T2', fy: 2025, lastSerial: 7 }),
    ).toEqual({
      seriesCode: 'BLR1T2',
      fy: 2025,
      lastSerial: 7,
    });
    expect(
      invoiceSeriesStateSchema.safeParse({ seriesCode: 'BLR01T2', fy: 2025, lastSerial: 7 })
        .success,
    ).toBe(false);
    expect(
      invoiceSeriesStateSchema.safeParse({ seriesCode: 'BLR1', fy: 2025, lastSerial: 1_000_000 })
        .success,
    ).toBe(false);
  });
});
