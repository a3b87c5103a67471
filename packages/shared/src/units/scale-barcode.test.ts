import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ean13CheckDigit, isValidEan13, priceCheckDigit } from './ean13';
import {
  assertScaleLayout,
  DEFAULT_SCALE_BARCODE_LAYOUTS,
  encodeScaleBarcode,
  looksLikeScaleBarcode,
  parseScaleBarcode,
  type ScaleBarcodeLayout,
} from './scale-barcode';

const weightLayout: ScaleBarcodeLayout = {
  prefix: '21',
  itemCodeLength: 5,
  valueLength: 5,
  valueKind: 'weightG',
  hasValueCheckDigit: false,
};
const checkedPriceLayout: ScaleBarcodeLayout = {
  prefix: '23',
  itemCodeLength: 4,
  valueLength: 5,
  valueKind: 'priceMinor',
  hasValueCheckDigit: true,
};

describe('EAN-13 check digits', () => {
  it('computes and validates the GS1 check digit', () => {
    expect(ean13CheckDigit('890100000001')).toBe(9);
    expect(ean13CheckDigit('400638133393')).toBe(1);
    expect(isValidEan13('4006381333931')).toBe(true);
    expect(isValidEan13('4006381333932')).toBe(false);
    expect(isValidEan13('400638133393')).toBe(false);
  });

  it('computes the GS1 price/weight verifier digit for 4 and 5 digit fields', () => {
    expect(priceCheckDigit('2875')).toBe(9);
    expect(priceCheckDigit('14685')).toBe(6);
    expect(() => priceCheckDigit('123')).toThrow(
      expect.objectContaining({ code: 'MALFORMED_BARCODE' }),
    );
  });
});

describe('parseScaleBarcode', () => {
  it('reads a weight label and a price label with the default layouts', () => {
    expect(parseScaleBarcode('2100042012509')).toEqual({
      kind: 'weight',
      prefix: '21',
      itemCode: '00042',
      weightG: 1250,
    });
    const priceLabel = encodeScaleBarcode(
      DEFAULT_SCALE_BARCODE_LAYOUTS[1] ?? weightLayout,
      '12345',
      9950,
    );
    expect(parseScaleBarcode(` ${priceLabel} `)).toEqual({
      kind: 'price',
      prefix: '22',
      itemCode: '12345',
      priceMinor: 9950,
    });
  });

  it('reads a layout with a price verifier digit and refuses a wrong one', () => {
    const label = encodeScaleBarcode(checkedPriceLayout, '0042', 14685);
    expect(label.slice(2, 12)).toBe('0042614685');
    expect(parseScaleBarcode(label, [checkedPriceLayout])).toEqual({
      kind: 'price',
      prefix: '23',
      itemCode: '0042',
      priceMinor: 14685,
    });
    const tampered = `23004271468`;
    const bad = `${tampered}5${ean13CheckDigit(`${tampered}5`)}`;
    expect(() => parseScaleBarcode(bad, [checkedPriceLayout])).toThrow(
      expect.objectContaining({ code: 'BAD_VALUE_CHECK_DIGIT' }),
    );
  });

  it('explains malformed input with typed errors', () => {
    const cases: [string, string][] = [
      ['21000420125', 'MALFORMED_BARCODE'],
      ['21000420125ab', 'MALFORMED_BARCODE'],
      ['2100042012508', 'BAD_CHECK_DIGIT'],
      ['8901000000019', 'NOT_A_SCALE_BARCODE'],
      [encodeScaleBarcode({ ...weightLayout, prefix: '29' }, '00001', 5), 'NOT_A_SCALE_BARCODE'],
    ];
    for (const [code, expected] of cases) {
      expect(() => parseScaleBarcode(code), code).toThrow(
        expect.objectContaining({ code: expected }),
      );
    }
    expect(looksLikeScaleBarcode('8901000000019')).toBe(false);
  });

  it('refuses layouts that do not fill 12 digits', () => {
    expect(() => {
      assertScaleLayout({ ...weightLayout, itemCodeLength: 6 });
    }).toThrow(expect.objectContaining({ code: 'INVALID_SCALE_LAYOUT' }));
    expect(() => {
      assertScaleLayout({ ...weightLayout, prefix: '31' });
    }).toThrow(expect.objectContaining({ code: 'INVALID_SCALE_LAYOUT' }));
    expect(() => {
      assertScaleLayout({
        ...weightLayout,
        itemCodeLength: 3,
        valueLength: 6,
        hasValueCheckDigit: true,
      });
    }).toThrow(expect.objectContaining({ code: 'INVALID_SCALE_LAYOUT' }));
  });

  it('decodes whatever it encodes, for any valid layout', () => {
    const layoutArb = fc
      .record({
        prefix: fc.constantFrom('2', '20', '25', '299'),
        valueLength: fc.integer({ min: 4, max: 5 }),
        valueKind: fc.constantFrom('weightG' as const, 'priceMinor' as const),
        hasValueCheckDigit: fc.boolean(),
      })
      .map((l) => ({
        ...l,
        itemCodeLength: 12 - l.prefix.length - l.valueLength - (l.hasValueCheckDigit ? 1 : 0),
      }));
    fc.assert(
      fc.property(layoutArb, fc.nat(), fc.nat(), (layout, itemSeed, valueSeed) => {
        const itemCode = String(itemSeed % 10 ** layout.itemCodeLength).padStart(
          layout.itemCodeLength,
          '0',
        );
        const value = valueSeed % 10 ** layout.valueLength;
        const parsed = parseScaleBarcode(encodeScaleBarcode(layout, itemCode, value), [layout]);
        expect(parsed.itemCode).toBe(itemCode);
        expect(parsed.kind === 'weight' ? parsed.weightG : parsed.priceMinor).toBe(value);
      }),
    );
  });
});
