import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMPOSITION_LEGEND, type InvoiceModel, invoiceModelOf } from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import { b2bInterState, billOfSupply, creditNote, LINES, saleOf, STORE } from './invoice.fixtures';
import { renderInvoicePdf } from './index';

const dir = mkdtempSync(join(tmpdir(), 'invoice-pdf-'));
let count = 0;

/** The PDF's text as poppler lays it out, and its page count. */
function popplerText(pdf: Uint8Array): { text: string; pages: number } {
  count += 1;
  const file = join(dir, `invoice-${String(count)}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]) };
}

/** Text with runs of spaces collapsed, so a field and its value can be matched across columns. */
const squeezed = (text: string) => text.replace(/[ \t]+/g, ' ');

describe('renderInvoicePdf', () => {
  it('prints every Rule 46 field of a B2B inter-state tax invoice', async () => {
    const model = b2bInterState();
    const { text, pages } = popplerText(await renderInvoicePdf(model));
    const flat = squeezed(text);
    expect(pages).toBe(1);
    // Supplier: legal name, address, GSTIN, state.
    expect(flat).toContain('TAX INVOICE');
    expect(flat).toContain('Kiryana Retail Private Limited');
    expect(flat).toContain('12 CMH Road, Indiranagar, Bengaluru, Karnataka 560038');
    expect(flat).toContain('GSTIN: 29AABCK1234L1ZX');
    expect(flat).toContain('State: Karnataka (29)');
    // Serial number and date.
    expect(flat).toContain('Invoice No.: BLR1T1/26/000042');
    expect(flat).toContain('Date: 01-04-2026');
    // Recipient: name, address, GSTIN, state; place of supply with state name and code.
    expect(flat).toContain('Hotel Annapoorna Private Limited');
    expect(flat).toContain('4 Mount Road, Teynampet, Chennai, Tamil Nadu 600018');
    expect(flat).toContain('GSTIN: 33AABCT1332L1ZL');
    expect(flat).toContain('State: Tamil Nadu (33)');
    expect(flat).toMatch(/Place of supply[\s\S]*Tamil Nadu \(33\)/);
    expect(flat).toContain('Supply: Inter-state (IGST)');
    expect(flat).toContain('Tax payable on reverse charge: No');
    // Each line: description, HSN, quantity and UQC, value, discount, taxable value, rate, IGST.
    for (const line of model.lines) {
      const row = new RegExp(
        [
          line.hsn,
          `${line.qty} ${line.uqc}`,
          line.rate,
          line.value,
          line.discount,
          line.taxable,
          line.gstRate,
          line.igst,
          line.amount,
        ]
          .map((cell) => cell.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
          .join(' +'),
      );
      expect(text).toMatch(row);
    }
    expect(flat).toContain('Nandini Ghee 1 l');
    expect(flat).toContain('Aerated drink 750 ml');
    // The HSN summary, the totals, the amount in words and the signature.
    expect(flat).toContain('HSN-wise summary');
    for (const row of model.hsnSummary)
      expect(flat).toContain(
        `${row.hsn} ${row.uqc} ${row.qty} ${row.gstRate} ${row.taxable} ${row.igst} ${row.totalTax}`,
      );
    expect(flat).toMatch(/Discount -50\.00/);
    expect(flat).toContain(
      `IGST ${model.totals.find((t) => t.key === 'igst')?.amount ?? 'missing'}`,
    );
    expect(flat).toContain(`Total ₹ ${model.grandTotal}`);
    expect(flat).toContain(model.amountInWords);
    expect(flat).toContain('For Kiryana Retail Private Limited');
    expect(flat).toContain('Authorised signatory');
    expect(flat).not.toContain('CGST');
  });

  it('prints a bill of supply without tax columns and with the composition legend', async () => {
    const model = billOfSupply();
    const flat = squeezed(popplerText(await renderInvoicePdf(model)).text);
    expect(flat).toContain('BILL OF SUPPLY');
    expect(flat).toContain(COMPOSITION_LEGEND);
    expect(flat).not.toMatch(/CGST|SGST|IGST|GST %|Taxable/);
    expect(flat).toContain('Unregistered buyer (walk-in)');
    expect(flat).toContain('Place of supply');
    expect(flat).toContain('Karnataka (29)');
    expect(flat).toContain(`Total ₹ ${model.grandTotal}`);
    expect(flat).toContain('Authorised signatory');
  });

  it('prints a credit note with the invoice it reverses', async () => {
    const model = creditNote();
    const flat = squeezed(popplerText(await renderInvoicePdf(model)).text);
    expect(flat).toContain('CREDIT NOTE');
    expect(flat).toContain('Credit Note No.: BLR1T1/26/000051');
    expect(flat).toContain('Date: 03-04-2026');
    expect(flat).toContain('Against invoice: BLR1T1/26/000042 dated 01-04-2026');
    expect(flat).toContain('GSTIN: 33AABCT1332L1ZL');
    expect(flat).toContain('Shampoo 340 ml');
    expect(flat).toContain(model.amountInWords);
  });

  it('flows a long invoice over pages, repeating the table header and naming each page', async () => {
    const many = Array.from({ length: 70 }, (_, i) => ({
      ...LINES[i % LINES.length]!,
      productId: `p-${String(i)}`,
      name: `Item ${String(i + 1)} with a long enough name to wrap onto a second line of its cell`,
    }));
    const units = Object.fromEntries(
      many.map((l, i) => [l.productId, i % LINES.length === 1 ? 'g' : 'piece'] as const),
    );
    const sale = saleOf(many, { supplyType: 'intra' });
    const model = invoiceModelOf({ sale, store: STORE, units });
    const { text, pages } = popplerText(await renderInvoicePdf(model));
    expect(pages).toBeGreaterThan(1);
    expect(text.split('Description of goods').length - 1).toBeGreaterThanOrEqual(pages);
    expect(squeezed(text)).toContain(`Page ${String(pages)}/${String(pages)}`);
    expect(squeezed(text)).toContain('Item 70 with');
  });

  it('makes the same bytes for the same model, dated by the sale, not the clock', async () => {
    const model: InvoiceModel = b2bInterState();
    const first = await renderInvoicePdf(model);
    const second = await renderInvoicePdf(b2bInterState());
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    const info = execFileSync('pdfinfo', ['-isodates', join(dir, 'invoice-1.pdf')], {
      encoding: 'utf8',
    });
    expect(info).toMatch(/CreationDate:\s+2026-04-01T04:30:00/);
    // A different sale time is a different document.
    const later = await renderInvoicePdf({ ...model, issuedAt: '2026-04-01T04:31:00.000Z' });
    expect(Buffer.from(later).equals(Buffer.from(first))).toBe(false);
    expect(createHash('sha256').update(first).digest('hex')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('prints the store logo instead of the default one', async () => {
    const model = creditNote();
    const withDefault = await renderInvoicePdf(model);
    // A 1 × 1 red PNG.
    const red = Uint8Array.from(
      atob(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
      ),
      (c) => c.charCodeAt(0),
    );
    const withLogo = await renderInvoicePdf(model, { logoPng: red });
    count += 1;
    const file = join(dir, `logo-${String(count)}.pdf`);
    writeFileSync(file, withLogo);
    expect(execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })).toMatch(
      /\s1\s+1\s+rgb/,
    );
    writeFileSync(file, withDefault);
    expect(execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })).toMatch(
      /\s96\s+96\s+rgb/,
    );
  });
});
