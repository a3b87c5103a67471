import { type PurchaseOrderState, formatDate, formatMoney, money } from '@kiryana/shared';
import { PDFDocument, type PDFFont, type PDFPage, StandardFonts, rgb } from 'pdf-lib';
import { rupeesText, toCsv } from '../../http/csv';

/**
 * The purchase order as the supplier receives it: a CSV for their system and a PDF to print or
 * e-mail. Both list each line with SKU, name, order unit, quantity in order units, cost per order
 * unit and the line's amount; the PDF adds our store (name, address, GSTIN), the supplier and the
 * total.
 */

/** What the exports show besides the PO itself. */
export type PoExportContext = {
  readonly store: { code: string; nameEn: string; address: string; gstin: string } | null;
  readonly supplier: {
    name: string;
    gstin: string | null;
    paymentTermsDays: number;
    leadTimeDays: number;
  } | null;
  readonly products: ReadonlyMap<string, { sku: string; nameEn: string }>;
};

/** The CSV's columns; amounts in rupees with two decimals, as the catalogue CSV writes them. */
const PO_CSV_COLUMNS = [
  'po_number',
  'sku',
  'product',
  'order_unit',
  'base_units_per_order_unit',
  'quantity',
  'cost_per_order_unit',
  'amount',
] as const;

function lineAmount(l: PurchaseOrderState['lines'][number]): number {
  return l.orderedQtyOrderUnits * l.costMinorPerOrderUnit;
}

/** The PO's lines as CSV (RFC 4180, CRLF). */
export function purchaseOrderCsv(po: PurchaseOrderState, context: PoExportContext): string {
  return toCsv([
    [...PO_CSV_COLUMNS],
    ...po.lines.map((l) => {
      const product = context.products.get(l.productId);
      return [
        po.poId,
        product?.sku ?? l.productId,
        product?.nameEn ?? '',
        l.orderUnitName,
        l.baseUnitsPerOrderUnit,
        l.orderedQtyOrderUnits,
        rupeesText(l.costMinorPerOrderUnit),
        rupeesText(lineAmount(l)),
      ];
    }),
  ]);
}

/**
 * Amounts for the PDF through Intl. The PDF's standard font has no ₹ glyph (it encodes
 * WinAnsi only), so the currency shows as its code: "INR 2,40,000.00".
 */
function amountText(minor: number): string {
  return formatMoney(money(minor), { currencyDisplay: 'code' }).replace(/\u00a0/g, ' ');
}

/**
 * Text the standard font can draw: Latin-1 as is, anything else (Devanagari, emoji) as '?'. A
 * product name typed in Hindi into the English field must not turn the export into a 500.
 */
function drawable(text: string): string {
  return text.replace(/[^\u0020-\u007e\u00a0-\u00ff]/gu, '?');
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const COLUMNS = [
  { title: 'SKU', x: 0, width: 80 },
  { title: 'Product', x: 82, width: 160 },
  { title: 'Unit', x: 252, width: 58 },
  { title: 'Qty', x: 312, width: 34, right: true },
  { title: 'Cost / unit', x: 350, width: 76, right: true },
  { title: 'Amount', x: 430, width: 69, right: true },
] as const;

/** The PO as a one- or more-page A4 PDF. */
export async function purchaseOrderPdf(
  po: PurchaseOrderState,
  context: PoExportContext,
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Purchase order ${po.poId}`);
  pdf.setCreator('Kiryana');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page = pdf.addPage(A4);
  let y = A4[1] - MARGIN;
  const write = (text: string, x: number, size = 10, font: PDFFont = regular) => {
    page.drawText(drawable(text), { x: MARGIN + x, y, size, font, color: rgb(0, 0, 0) });
  };
  const fit = (text: string, width: number, size: number, font: PDFFont): string => {
    let out = drawable(text);
    while (out.length > 1 && font.widthOfTextAtSize(out, size) > width) out = out.slice(0, -1);
    return out;
  };

  write('PURCHASE ORDER', 0, 16, bold);
  y -= 20;
  write(`PO number: ${po.poId}`, 0, 10, bold);
  y -= 14;
  write(`Date: ${formatDate(po.created.at, { locale: 'en-IN' })}    Status: ${po.status}`, 0);
  y -= 24;

  const party = (title: string, lines: readonly string[], x: number, top: number) => {
    y = top;
    write(title, x, 10, bold);
    for (const line of lines) {
      y -= 13;
      write(fit(line, 240, 10, regular), x);
    }
    return y;
  };
  const top = y;
  const store = context.store;
  const leftEnd = party(
    'Bill and deliver to',
    store
      ? [store.nameEn, ...store.address.split('\n').filter(Boolean), `GSTIN: ${store.gstin || '-'}`]
      : [po.storeId],
    0,
    top,
  );
  const supplier = context.supplier;
  const rightEnd = party(
    'Supplier',
    supplier
      ? [
          supplier.name,
          `GSTIN: ${supplier.gstin ?? 'unregistered'}`,
          `Payment terms: ${supplier.paymentTermsDays} days`,
          `Lead time: ${supplier.leadTimeDays} days`,
        ]
      : [po.supplierId],
    260,
    top,
  );
  y = Math.min(leftEnd, rightEnd) - 28;

  const header = () => {
    for (const c of COLUMNS) cell(page, c, c.title, y, bold);
    y -= 6;
    page.drawLine({
      start: { x: MARGIN, y },
      end: { x: A4[0] - MARGIN, y },
      thickness: 0.5,
    });
    y -= 14;
  };
  const cell = (
    p: PDFPage,
    c: (typeof COLUMNS)[number],
    text: string,
    at: number,
    font: PDFFont,
  ) => {
    const shown = fit(text, c.width, 9, font);
    const width = font.widthOfTextAtSize(shown, 9);
    const x = MARGIN + c.x + ('right' in c ? c.width - width : 0);
    p.drawText(shown, { x, y: at, size: 9, font });
  };
  header();
  let total = 0;
  for (const l of po.lines) {
    if (y < MARGIN + 40) {
      page = pdf.addPage(A4);
      y = A4[1] - MARGIN;
      header();
    }
    const product = context.products.get(l.productId);
    const amount = lineAmount(l);
    total += amount;
    const values = [
      product?.sku ?? l.productId,
      product?.nameEn ?? l.productId,
      `${l.orderUnitName} of ${l.baseUnitsPerOrderUnit}`,
      String(l.orderedQtyOrderUnits),
      amountText(l.costMinorPerOrderUnit),
      amountText(amount),
    ];
    COLUMNS.forEach((c, i) => {
      cell(page, c, values[i] ?? '', y, regular);
    });
    y -= 14;
  }
  y -= 6;
  page.drawLine({ start: { x: MARGIN, y: y + 10 }, end: { x: A4[0] - MARGIN, y: y + 10 } });
  write(`Total: ${amountText(total)}`, 330, 11, bold);
  return pdf.save();
}
