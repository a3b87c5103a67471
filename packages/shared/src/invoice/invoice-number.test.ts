import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INVOICE_FY_MAX,
  INVOICE_FY_MIN,
  INVOICE_SERIAL_MAX,
  formatInvoiceNumber,
  isValidInvoiceSeriesCode,
  parseInvoiceNumber,
  validateInvoiceNumber,
} from './invoice-number';

const partsArb = fc.record({
  seriesCode: fc.stringMatching(/^[A-Z0-9]{1,6}$/),
  fy: fc.integer({ min: INVOICE_FY_MIN, max: INVOICE_FY_MAX }),
  serial: fc.integer({ min: 1, max: INVOICE_SERIAL_MAX }),
});

describe('formatInvoiceNumber', () => {
  it('writes SERIES/YY/NNNNNN', () => {
    expect(formatInvoiceNumber({ seriesCode: 'BLR1T2', fy: 2025, serial: 42 })).toBe(
      'BLR1T2/25/000042',
    );
    expect(formatInvoiceNumber({ seriesCode: '7', fy: 2100 - 1, serial: 999_999 })).toBe(
      '7/99/999999',
    );
    expect(formatInvoiceNumber({ seriesCode: 'A', fy: 2000, serial: 1 })).toBe('A/00/000001');
  });

  it('refuses parts it cannot write in 16 characters', () => {
    const cases = [
      [{ seriesCode: 'BLR01T2', fy: 2025, serial: 1 }, 'INVOICE_SERIES_CODE_INVALID'],
      [{ seriesCode: 'blr1', fy: 2025, serial: 1 }, 'INVOICE_SERIES_CODE_INVALID'],
      [{ seriesCode: '', fy: 2025, serial: 1 }, 'INVOICE_SERIES_CODE_INVALID'],
      [{ seriesCode: 'BLR1', fy: 2100, serial: 1 }, 'INVOICE_FY_OUT_OF_RANGE'],
      [{ seriesCode: 'BLR1', fy: 2025.5, serial: 1 }, 'INVOICE_FY_OUT_OF_RANGE'],
      [{ seriesCode: 'BLR1', fy: 2025, serial: 0 }, 'INVOICE_SERIAL_OUT_OF_RANGE'],
      [{ seriesCode: 'BLR1', fy: 2025, serial: 1_000_000 }, 'INVOICE_SERIAL_OUT_OF_RANGE'],
      [{ seriesCode: 'BLR1', fy: 2025, serial: 1.5 }, 'INVOICE_SERIAL_OUT_OF_RANGE'],
    ] as const;
    for (const [parts, code] of cases) {
      expect(() => formatInvoiceNumber(parts)).toThrow(expect.objectContaining({ code }) as Error);
    }
  });

  it('always writes a Rule 46(b) number of at most 16 characters', () => {
    fc.assert(
      fc.property(partsArb, (parts) => {
        const invoiceNo = formatInvoiceNumber(parts);
        expect(invoiceNo.length).toBeLessThanOrEqual(16);
        expect(invoiceNo).toMatch(/^[A-Za-z0-9/-]+$/);
        expect(validateInvoiceNumber(invoiceNo)).toBeNull();
      }),
    );
  });

  it('sorts numbers of one series and year in serial order', () => {
    fc.assert(
      fc.property(partsArb, fc.integer({ min: 1, max: INVOICE_SERIAL_MAX }), (parts, other) => {
        const a = formatInvoiceNumber(parts);
        const b = formatInvoiceNumber({ ...parts, serial: other });
        expect(a < b).toBe(parts.serial < other);
      }),
    );
  });
});

describe('parseInvoiceNumber', () => {
  it('reads the parts back', () => {
    expect(parseInvoiceNumber('BLR1T2/25/000042')).toEqual({
      ok: true,
      value: { seriesCode: 'BLR1T2', fy: 2025, serial: 42 },
    });
  });

  it('round-trips every formatted number', () => {
    fc.assert(
      fc.property(partsArb, (parts) => {
        expect(parseInvoiceNumber(formatInvoiceNumber(parts))).toEqual({ ok: true, value: parts });
      }),
    );
  });

  it('refuses non-canonical and foreign numbers with a reason', () => {
    expect(parseInvoiceNumber('')).toEqual({ ok: false, code: 'INVOICE_NUMBER_EMPTY' });
    expect(parseInvoiceNumber('BLR1T2/2025/000042')).toEqual({
      ok: false,
      code: 'INVOICE_NUMBER_TOO_LONG',
    });
    expect(parseInvoiceNumber('BLR1T2 25 42')).toEqual({
      ok: false,
      code: 'INVOICE_NUMBER_BAD_CHARACTERS',
    });
    expect(parseInvoiceNumber('BLR1T2/25/42')).toEqual({
      ok: false,
      code: 'INVOICE_NUMBER_BAD_FORMAT',
    });
    expect(parseInvoiceNumber('blr1t2/25/000042')).toEqual({
      ok: false,
      code: 'INVOICE_NUMBER_BAD_FORMAT',
    });
    expect(parseInvoiceNumber('INV-2025-000042')).toEqual({
      ok: false,
      code: 'INVOICE_NUMBER_BAD_FORMAT',
    });
    expect(parseInvoiceNumber('BLR1T2/25/000000')).toEqual({
      ok: false,
      code: 'INVOICE_SERIAL_OUT_OF_RANGE',
    });
  });

  it('accepts exactly the strings formatInvoiceNumber writes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 20 }),
          fc.stringMatching(/^[A-Z0-9]{0,7}\/\d{2}\/\d{5,7}$/),
        ),
        (text) => {
          const parsed = parseInvoiceNumber(text);
          if (parsed.ok) expect(formatInvoiceNumber(parsed.value)).toBe(text);
        },
      ),
    );
  });
});

/** Characters on both sides of the Rule 46(b) alphabet, so generated strings often comply and often do not. */
const ruleBoundaryCharArb = fc.constantFrom(
  'A',
  'z',
  '0',
  '9',
  '/',
  '-',
  '_',
  ' ',
  '.',
  '\\',
  'é',
  '०',
  '\u0000',
);

describe('validateInvoiceNumber', () => {
  it('accepts up to 16 letters, digits, hyphens and slashes', () => {
    expect(validateInvoiceNumber('INV-2025/26-0001')).toBeNull();
    expect(validateInvoiceNumber('a')).toBeNull();
  });

  it('names what breaks Rule 46(b)', () => {
    expect(validateInvoiceNumber('')).toBe('INVOICE_NUMBER_EMPTY');
    expect(validateInvoiceNumber('INV-2025/26-00001')).toBe('INVOICE_NUMBER_TOO_LONG');
    expect(validateInvoiceNumber('INV_0001')).toBe('INVOICE_NUMBER_BAD_CHARACTERS');
    expect(validateInvoiceNumber('बिल-1')).toBe('INVOICE_NUMBER_BAD_CHARACTERS');
  });

  it('agrees with the rule for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: ruleBoundaryCharArb, maxLength: 20 }), (text) => {
        const complies = text.length >= 1 && text.length <= 16 && /^[A-Za-z0-9/-]*$/.test(text);
        expect(validateInvoiceNumber(text) === null).toBe(complies);
      }),
    );
  });
});

describe('isValidInvoiceSeriesCode', () => {
  it('takes 1–6 upper-case letters or digits', () => {
    expect(isValidInvoiceSeriesCode('BLR1T2')).toBe(true);
    expect(isValidInvoiceSeriesCode('042')).toBe(true);
    expect(isValidInvoiceSeriesCode('BLR01T2')).toBe(false);
    expect(isValidInvoiceSeriesCode('BLR/1')).toBe(false);
    expect(isValidInvoiceSeriesCode('')).toBe(false);
  });
});
