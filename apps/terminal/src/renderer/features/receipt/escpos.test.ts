import { describe, expect, it } from 'vitest';
import { formattersFor } from '../../i18n/use-format';
import {
  decodeEscPos,
  encodeEscPos,
  ESC_POS_COLUMNS,
  printedLines,
  receiptEscPos,
  toPrinterText,
} from './escpos';
import { receiptModelOf } from './receipt-model';
import { TEST_SALE, TEST_STORE } from '../../testing/receipt-fixtures';
import { b2bSale, billOfSupplySale } from './receipt-gst.fixture';

const UNITS: Record<string, string> = { 'units.kg': 'kg', 'units.perKg': '/kg' };
const t = (key: string, values?: Record<string, string>) =>
  UNITS[key] ?? (values === undefined ? key : `${key} ${Object.values(values).join(' ')}`);

describe('encodeEscPos / decodeEscPos', () => {
  it('round-trips every command', () => {
    const commands = [
      { type: 'init' },
      { type: 'align', align: 'center' },
      { type: 'bold', on: true },
      { type: 'size', double: true },
      { type: 'text', text: 'KIRYANA' },
      { type: 'newline' },
      { type: 'size', double: false },
      { type: 'bold', on: false },
      { type: 'align', align: 'right' },
      { type: 'text', text: 'Total Rs.141.00' },
      { type: 'newline' },
      { type: 'feed', lines: 3 },
      { type: 'cut' },
    ] as const;
    const bytes = encodeEscPos(commands);
    expect(Array.from(bytes.slice(0, 5))).toEqual([0x1b, 0x40, 0x1b, 0x61, 1]);
    expect(Array.from(bytes.slice(-4))).toEqual([0x1d, 0x56, 0x42, 0x00]);
    expect(decodeEscPos(bytes)).toEqual(commands);
  });

  it('prints only ASCII: the rupee sign as Rs. and Devanagari as ?', () => {
    expect(toPrinterText('₹1,234.50 चावल Café')).toBe('Rs.1,234.50 ???? Cafe');
  });
});

describe('receiptEscPos', () => {
  const format = formattersFor('en', (key) => t(key));
  const model = receiptModelOf(TEST_SALE, TEST_STORE, format, t);

  it.each([58, 80] as const)('lays out a GST invoice within %i mm', (width) => {
    const lines = printedLines(decodeEscPos(encodeEscPos(receiptEscPos(model, width))));
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(ESC_POS_COLUMNS[width]);
    const text = lines.join('\n');
    expect(text).toContain('GSTIN: 29ABCDE1234F1Z5');
    expect(text).toContain('BLR1T1/26/000007');
    expect(text).toContain('HSN 2501 GST 5% MRP Rs.28.00');
    expect(text).toMatch(/2 x Rs\.28\.00 +Rs\.56\.00/);
    // 1.25 kg at ₹58/kg = ₹72.50; both lines at 5 %: taxable 53.33 + 69.05, GST 2.67 + 3.45 =
    // 6.12, halved once for the bill (3.06 + 3.06), not per line (1.34 + 1.73 = 3.07 vs 3.05).
    expect(text).toMatch(/1\.25 kg x Rs\.58\.00\/kg\s+Rs\.72\.50/);
    expect(text).toMatch(/CGST +Rs\.3\.06/);
    expect(text).toMatch(/SGST +Rs\.3\.06/);
    expect(text).toMatch(/receipt\.roundOff +Rs\.0\.50/);
    expect(text).toMatch(/receipt\.total +Rs\.129\.00/);
    expect(text).toMatch(/5% +Rs\.122\.38 \/ Rs\.3\.06 \/ Rs\.3\.06/);
    expect(text).toMatch(/payment\.method\.upi UPI-77\s+Rs\.100\.00/);
    expect(text).toMatch(/receipt\.change +Rs\.21\.00/);
    expect(text).toContain('receipt.savings Rs.2.50');
  });

  it.each([58, 80] as const)(
    'prints the buyer, GSTIN and place of supply of a B2B sale within %i mm',
    (width) => {
      const b2b = receiptModelOf(b2bSale(), TEST_STORE, format, t);
      const lines = printedLines(decodeEscPos(encodeEscPos(receiptEscPos(b2b, width))));
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(ESC_POS_COLUMNS[width]);
      const text = lines.join('\n');
      expect(text).toContain('receipt.taxInvoice');
      expect(text).toContain('receipt.buyer: Hotel Annapoorna');
      expect(text).toContain('GSTIN: 33AABCT1332L1ZL');
      expect(text).toMatch(/receipt\.placeOfSupply: Tamil\s+Nadu \(33\)/);
      expect(text).toMatch(/IGST +Rs\.\d+\.\d\d/);
      expect(text).toContain('Taxable / IGST');
    },
  );

  it('prints a bill of supply with its title and legend and no tax lines', () => {
    const bos = receiptModelOf(billOfSupplySale(), TEST_STORE, format, t);
    const text = printedLines(decodeEscPos(encodeEscPos(receiptEscPos(bos, 58)))).join('\n');
    expect(text).toContain('receipt.billOfSupply');
    expect(text).toContain('receipt.compositionLegend');
    expect(text).toContain('HSN 2501 MRP Rs.28.00');
    expect(text).not.toMatch(/GST %|GST \d|IGST|CGST|SGST|receipt\.taxable/);
    expect(text).toMatch(/receipt\.total +Rs\.129\.00/);
  });
});
