import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitGst, taxFromExclusive, taxFromInclusive } from './inclusive-tax';

describe('taxFromInclusive: worked examples checked by hand', () => {
  it('MRP ₹118 at 18 % intra-state → taxable ₹100.00, CGST ₹9.00, SGST ₹9.00', () => {
    expect(taxFromInclusive(11800, 1800, 0, 'intra')).toEqual({
      taxableMinor: 10000,
      cgstMinor: 900,
      sgstMinor: 900,
      igstMinor: 0,
      cessMinor: 0,
    });
  });

  it('₹105 at 5 % intra-state → taxable ₹100.00, CGST ₹2.50, SGST ₹2.50', () => {
    expect(taxFromInclusive(10500, 500, 0, 'intra')).toEqual({
      taxableMinor: 10000,
      cgstMinor: 250,
      sgstMinor: 250,
      igstMinor: 0,
      cessMinor: 0,
    });
  });

  it('inter-state ₹140 at 40 % → taxable ₹100.00 and IGST ₹40.00', () => {
    expect(taxFromInclusive(14000, 4000, 0, 'inter')).toEqual({
      taxableMinor: 10000,
      cgstMinor: 0,
      sgstMinor: 0,
      igstMinor: 4000,
      cessMinor: 0,
    });
  });

  it('pan masala ₹188 at 28 % + 60 % cess → taxable ₹100.00, GST ₹28.00, cess ₹60.00', () => {
    expect(taxFromInclusive(18800, 2800, 6000, 'intra')).toEqual({
      taxableMinor: 10000,
      cgstMinor: 1400,
      sgstMinor: 1400,
      igstMinor: 0,
      cessMinor: 6000,
    });
  });

  it('rounds the taxable value half up and gives the odd paisa to CGST', () => {
    // ₹10.00 at 18 %: 1000 / 1.18 = 847.457… → 847; tax 153 → CGST 77, SGST 76.
    expect(taxFromInclusive(1000, 1800, 0, 'intra')).toEqual({
      taxableMinor: 847,
      cgstMinor: 77,
      sgstMinor: 76,
      igstMinor: 0,
      cessMinor: 0,
    });
    // ₹0.21 at 5 %: 21 / 1.05 = 20 exactly; tax 1 → CGST 1, SGST 0.
    expect(taxFromInclusive(21, 500, 0, 'intra')).toMatchObject({
      taxableMinor: 20,
      cgstMinor: 1,
      sgstMinor: 0,
    });
    // 2010 / 1.0025 = 2004.98… → 2005; tax 5.
    expect(taxFromInclusive(2010, 25, 0, 'inter')).toMatchObject({
      taxableMinor: 2005,
      igstMinor: 5,
    });
    // An exact tie: 16 / 1.28 = 12.5 → 13 (half away from zero); −16 → −13.
    expect(taxFromInclusive(16, 2800, 0, 'inter')).toMatchObject({
      taxableMinor: 13,
      igstMinor: 3,
    });
    expect(taxFromInclusive(-16, 2800, 0, 'inter')).toMatchObject({
      taxableMinor: -13,
      igstMinor: -3,
    });
  });

  it('leaves nil-rated amounts untaxed and refuses negative or fractional rates', () => {
    expect(taxFromInclusive(4500, 0, 0, 'intra')).toEqual({
      taxableMinor: 4500,
      cgstMinor: 0,
      sgstMinor: 0,
      igstMinor: 0,
      cessMinor: 0,
    });
    expect(() => taxFromInclusive(100, -1, 0, 'intra')).toThrow(
      expect.objectContaining({ code: 'INVALID_RATE' }),
    );
    expect(() => taxFromInclusive(100, 18.5, 0, 'intra')).toThrow(
      expect.objectContaining({ code: 'INVALID_RATE' }),
    );
  });
});

const rates = fc.constantFrom(0, 25, 300, 500, 1200, 1800, 2800, 4000);
const cessRates = fc.constantFrom(0, 0, 1200, 6000, 16000);

describe('taxFromInclusive properties', () => {
  it('round-trips exactly: taxable + CGST + SGST + IGST + cess === inclusive', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        rates,
        cessRates,
        fc.constantFrom('intra' as const, 'inter' as const),
        (inclusive, rateBp, cessBp, supply) => {
          const t = taxFromInclusive(inclusive, rateBp, cessBp, supply);
          expect(t.taxableMinor + t.cgstMinor + t.sgstMinor + t.igstMinor + t.cessMinor).toBe(
            inclusive,
          );
          if (supply === 'intra') expect(t.igstMinor).toBe(0);
          else expect(t.cgstMinor + t.sgstMinor).toBe(0);
          const halves = t.cgstMinor - t.sgstMinor;
          expect(inclusive >= 0 ? [0, 1] : [0, -1]).toContain(halves);
        },
      ),
    );
  });

  it('keeps taxable within half a paisa of the exact rational value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        rates,
        cessRates,
        (inclusive, rateBp, cessBp) => {
          const { taxableMinor } = taxFromInclusive(inclusive, rateBp, cessBp, 'inter');
          const d = BigInt(10000 + rateBp + cessBp);
          // |taxable − inclusive × 10000 / d| ≤ 1/2  ⇔  |2 (taxable × d − inclusive × 10000)| ≤ d
          const diff = 2n * (BigInt(taxableMinor) * d - BigInt(inclusive) * 10000n);
          expect((diff < 0n ? -diff : diff) <= d).toBe(true);
        },
      ),
    );
  });

  it('has tax within half a paisa × (1 + rate) of taxable × rate, split between GST and cess by rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        rates,
        cessRates,
        (inclusive, rateBp, cessBp) => {
          const t = taxFromInclusive(inclusive, rateBp, cessBp, 'inter');
          const tax = BigInt(t.igstMinor + t.cessMinor);
          const r = BigInt(rateBp + cessBp);
          // |tax − taxable × r / 10000| ≤ (10000 + r) / 20000
          const diff = 2n * (tax * 10000n - BigInt(t.taxableMinor) * r);
          expect((diff < 0n ? -diff : diff) <= 10000n + r).toBe(true);
          if (r > 0n) {
            // cess within one paisa of its proportional share of the tax
            const share = BigInt(t.cessMinor) * r - tax * BigInt(cessBp);
            expect((share < 0n ? -share : share) < r).toBe(true);
          }
        },
      ),
    );
  });

  it('gives a return exactly the negative of its sale', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e12 }),
        rates,
        cessRates,
        (inclusive, rateBp, cessBp) => {
          const sale = taxFromInclusive(inclusive, rateBp, cessBp, 'intra');
          const refund = taxFromInclusive(-inclusive, rateBp, cessBp, 'intra');
          expect(refund.taxableMinor).toBe(0 - sale.taxableMinor);
          expect(refund.cgstMinor + refund.sgstMinor).toBe(0 - (sale.cgstMinor + sale.sgstMinor));
          expect(refund.cessMinor).toBe(0 - sale.cessMinor);
        },
      ),
    );
  });
});

describe('splitGst and taxFromExclusive', () => {
  it('splits intra-state GST into halves, odd paisa to CGST', () => {
    expect(splitGst(251, 'intra')).toEqual({ cgstMinor: 126, sgstMinor: 125, igstMinor: 0 });
    expect(splitGst(-251, 'intra')).toEqual({ cgstMinor: -126, sgstMinor: -125, igstMinor: 0 });
    expect(splitGst(251, 'inter')).toEqual({ cgstMinor: 0, sgstMinor: 0, igstMinor: 251 });
  });

  it('computes tax on a taxable value', () => {
    expect(taxFromExclusive(10000, 1800, 0, 'intra')).toEqual({
      taxableMinor: 10000,
      cgstMinor: 900,
      sgstMinor: 900,
      igstMinor: 0,
      cessMinor: 0,
      inclusiveMinor: 11800,
    });
    expect(taxFromExclusive(847, 1800, 0, 'inter')).toMatchObject({
      igstMinor: 152,
      inclusiveMinor: 999,
    });
  });
});
