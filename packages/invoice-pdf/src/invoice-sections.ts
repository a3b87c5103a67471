import { type InvoiceModel } from '@kiryana/shared';
import { type PDFImage } from 'pdf-lib';
import { type InvoiceLabels } from './labels';
import { GREY, type PdfCanvas, type TextStyle } from './pdf-canvas';
import { type TableColumn, drawTable } from './pdf-table';

/**
 * The sections of an invoice page, top to bottom: the supplier and the document's identity, the
 * recipient and place of supply, the goods, the HSN-wise summary, the totals with the amount in
 * words, and the signature. Each draws at the canvas cursor and leaves it below what it drew.
 */

const SMALL: TextStyle = { size: 8 };
const TABLE_SIZE = 7;
const CELL_PAD = 6;

function stateText(state: { readonly code: string; readonly name: string }): string {
  return state.name === '' ? state.code : `${state.name} (${state.code})`;
}

/** Supplier, logo and title block. */
export function drawHeader(
  canvas: PdfCanvas,
  model: InvoiceModel,
  labels: InvoiceLabels,
  logo: PDFImage,
): void {
  const top = canvas.y;
  const logoSize = 46;
  canvas.page.drawImage(logo, {
    x: canvas.left,
    y: top - logoSize + 8,
    width: logoSize,
    height: logoSize,
  });
  // The supplier, left, beside the logo.
  const x = canvas.left + logoSize + 8;
  const width = 265;
  canvas.y = top;
  canvas.paragraph(model.supplier.legalName, x, width, { size: 12, bold: true }, 14);
  if (model.supplier.tradeName !== null)
    canvas.paragraph(model.supplier.tradeName, x, width, { size: 9 }, 11);
  canvas.paragraph(model.supplier.address, x, width, SMALL, 10);
  canvas.paragraph(
    `${labels.gstin}: ${model.supplier.gstin}`,
    x,
    width,
    { size: 8, bold: true },
    10,
  );
  canvas.paragraph(`${labels.state}: ${stateText(model.supplier.state)}`, x, width, SMALL, 10);
  const leftBottom = canvas.y;

  // The document's identity, right-aligned.
  const right = canvas.right;
  let y = top;
  canvas.text(model.title, right, y, { size: 15, bold: true, align: 'right' });
  y -= 16;
  const localTitle = labels.title[model.title];
  if (localTitle !== '') {
    canvas.text(localTitle, right, y, { size: 10, bold: true, align: 'right' });
    y -= 13;
  }
  const facts: string[] = [
    `${model.title === 'CREDIT NOTE' ? labels.creditNoteNo : labels.invoiceNo}: ${model.invoiceNo}`,
    `${labels.date}: ${model.invoiceDate}`,
  ];
  if (model.original !== null)
    facts.push(
      `${labels.originalInvoice}: ${model.original.invoiceNo} ${labels.dated} ${model.original.invoiceDate}`,
    );
  facts.push(`${labels.reverseCharge}: ${model.reverseCharge}`);
  for (const fact of facts) {
    canvas.text(fact, right, y, { size: 8.5, align: 'right' });
    y -= 11;
  }
  canvas.y = Math.min(leftBottom, y, top - logoSize) - 2;
  if (model.legend !== null) {
    canvas.y -= 4;
    canvas.text(model.legend, (canvas.left + canvas.right) / 2, canvas.y, {
      size: 8.5,
      bold: true,
      align: 'center',
    });
    canvas.y -= 8;
  }
  canvas.rule(canvas.y);
  canvas.y -= 12;
}

/** Recipient (left) and place of supply (right). */
export function drawParties(canvas: PdfCanvas, model: InvoiceModel, labels: InvoiceLabels): void {
  const top = canvas.y;
  const half = (canvas.right - canvas.left) / 2;
  const width = half - 12;
  canvas.text(labels.billedTo, canvas.left, canvas.y, { size: 8, bold: true, color: GREY });
  canvas.y -= 11;
  const recipient = model.recipient;
  if (recipient === null) {
    canvas.paragraph(labels.unregisteredBuyer, canvas.left, width, { size: 9 }, 11);
  } else {
    canvas.paragraph(recipient.name, canvas.left, width, { size: 9, bold: true }, 11);
    if (recipient.address !== '')
      canvas.paragraph(recipient.address, canvas.left, width, SMALL, 10);
    if (recipient.gstin !== null)
      canvas.paragraph(
        `${labels.gstin}: ${recipient.gstin}`,
        canvas.left,
        width,
        { size: 8, bold: true },
        10,
      );
    canvas.paragraph(
      `${labels.state}: ${stateText(recipient.state)}`,
      canvas.left,
      width,
      SMALL,
      10,
    );
  }
  const leftBottom = canvas.y;
  const x = canvas.left + half;
  canvas.y = top;
  canvas.text(labels.placeOfSupply, x, canvas.y, { size: 8, bold: true, color: GREY });
  canvas.y -= 11;
  canvas.paragraph(stateText(model.placeOfSupply), x, width, { size: 9, bold: true }, 11);
  if (model.showsTax)
    canvas.paragraph(
      `${labels.supply}: ${model.interState ? labels.interState : labels.intraState}`,
      x,
      width,
      SMALL,
      10,
    );
  canvas.y = Math.min(leftBottom, canvas.y) - 6;
}

/** Fits numeric columns to their widest cell; the description takes the rest. */
function fitted(
  canvas: PdfCanvas,
  columns: readonly (Omit<TableColumn, 'width'> & { readonly flexible?: boolean })[],
  rows: readonly (readonly string[])[],
): TableColumn[] {
  return columns.map((column, i) => {
    if (column.flexible === true) return { ...column, width: null };
    const cells = rows.map((row) => canvas.width(row[i] ?? '', { size: TABLE_SIZE }));
    const header = canvas.width(column.label, { size: TABLE_SIZE, bold: true });
    return { ...column, width: Math.ceil(Math.max(header, ...cells)) + CELL_PAD };
  });
}

/** The goods, one row per line of the sale. */
export function drawLines(canvas: PdfCanvas, model: InvoiceModel, labels: InvoiceLabels): void {
  const c = labels.columns;
  const hasCess = model.totals.some((t) => t.key === 'cess');
  type Col = Omit<TableColumn, 'width'> & {
    flexible?: boolean;
    cell: (l: InvoiceModel['lines'][number]) => string;
  };
  const cols: Col[] = [
    { label: c.no, align: 'right', cell: (l) => String(l.no) },
    { label: c.description, align: 'left', flexible: true, cell: (l) => l.description },
    { label: c.hsn, align: 'left', cell: (l) => l.hsn },
    { label: `${c.qty} (${c.uqc})`, align: 'right', cell: (l) => `${l.qty} ${l.uqc}` },
    {
      label: c.rate,
      align: 'right',
      cell: (l) => (l.ratePer === l.uqc ? l.rate : `${l.rate}/${l.ratePer}`),
    },
    { label: c.value, align: 'right', cell: (l) => l.value },
    { label: c.discount, align: 'right', cell: (l) => l.discount },
  ];
  if (model.showsTax) {
    cols.push({ label: c.taxable, align: 'right', cell: (l) => l.taxable });
    cols.push({ label: c.gstRate, align: 'right', cell: (l) => l.gstRate });
    if (model.interState) cols.push({ label: 'IGST', align: 'right', cell: (l) => l.igst });
    else {
      cols.push({ label: 'CGST', align: 'right', cell: (l) => l.cgst });
      cols.push({ label: 'SGST', align: 'right', cell: (l) => l.sgst });
    }
    if (hasCess)
      cols.push({
        label: `${c.cess} (%)`,
        align: 'right',
        cell: (l) => `${l.cess} (${l.cessRate})`,
      });
  }
  cols.push({ label: c.amount, align: 'right', cell: (l) => l.amount });
  const rows = model.lines.map((line) => cols.map((col) => col.cell(line)));
  drawTable(canvas, fitted(canvas, cols, rows), rows, TABLE_SIZE);
  canvas.y -= 10;
}

/** The HSN-wise summary: per HSN, UQC and rate. */
export function drawHsnSummary(
  canvas: PdfCanvas,
  model: InvoiceModel,
  labels: InvoiceLabels,
): void {
  const c = labels.columns;
  const hasCess = model.totals.some((t) => t.key === 'cess');
  type Row = InvoiceModel['hsnSummary'][number];
  type Col = Omit<TableColumn, 'width'> & { flexible?: boolean; cell: (r: Row) => string };
  const cols: Col[] = [
    { label: c.hsn, align: 'left', flexible: true, cell: (r) => r.hsn },
    { label: c.uqc, align: 'left', cell: (r) => r.uqc },
    { label: c.qty, align: 'right', cell: (r) => r.qty },
  ];
  if (model.showsTax) {
    cols.push({ label: c.gstRate, align: 'right', cell: (r) => r.gstRate });
    cols.push({ label: c.taxable, align: 'right', cell: (r) => r.taxable });
    if (model.interState) cols.push({ label: 'IGST', align: 'right', cell: (r) => r.igst });
    else {
      cols.push({ label: 'CGST', align: 'right', cell: (r) => r.cgst });
      cols.push({ label: 'SGST', align: 'right', cell: (r) => r.sgst });
    }
    if (hasCess) cols.push({ label: c.cess, align: 'right', cell: (r) => r.cess });
    cols.push({ label: c.totalTax, align: 'right', cell: (r) => r.totalTax });
  } else cols.push({ label: c.value, align: 'right', cell: (r) => r.taxable });
  const rows = model.hsnSummary.map((row) => cols.map((col) => col.cell(row)));
  canvas.ensureSpace(40);
  canvas.text(labels.hsnSummary, canvas.left, canvas.y, { size: 8.5, bold: true });
  canvas.y -= 5;
  drawTable(canvas, fitted(canvas, cols, rows), rows, TABLE_SIZE);
  canvas.y -= 12;
}

/** Totals (right), the amount in words and the signature. */
export function drawTotals(canvas: PdfCanvas, model: InvoiceModel, labels: InvoiceLabels): void {
  const right = canvas.right;
  const labelX = right - 190;
  canvas.ensureSpace(model.totals.length * 12 + 110);
  for (const total of model.totals) {
    const isTotal = total.key === 'total';
    const style: TextStyle = isTotal ? { size: 10.5, bold: true } : { size: 8.5 };
    if (isTotal) {
      canvas.rule(canvas.y + 9, labelX, right);
      canvas.y -= 3;
    }
    canvas.text(labels.totals[total.key], labelX, canvas.y, style);
    const amount = isTotal ? `₹ ${total.amount}` : total.amount;
    canvas.text(amount, right, canvas.y, { ...style, align: 'right' });
    canvas.y -= isTotal ? 14 : 11;
  }
  canvas.y -= 4;
  canvas.text(`${labels.amountInWords}:`, canvas.left, canvas.y, {
    size: 8,
    bold: true,
    color: GREY,
  });
  canvas.y -= 11;
  canvas.paragraph(
    model.amountInWords,
    canvas.left,
    canvas.right - canvas.left,
    { size: 9, bold: true },
    11,
  );
  canvas.y -= 18;
  canvas.ensureSpace(50);
  canvas.text(`${labels.forSupplier} ${model.supplier.legalName}`, right, canvas.y, {
    size: 9,
    bold: true,
    align: 'right',
  });
  canvas.y -= 34;
  canvas.rule(canvas.y + 8, right - 150, right);
  canvas.text(labels.signatory, right, canvas.y, { size: 8.5, align: 'right' });
  canvas.y -= 12;
}
