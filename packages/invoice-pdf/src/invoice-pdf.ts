import { type InvoiceModel } from '@kiryana/shared';
import { PDFDocument } from 'pdf-lib';
import { DEFAULT_LOGO_PNG_BASE64 } from './default-logo';
import { bytesOfBase64, invoiceFonts } from './fonts/font-bytes';
import { drawHeader, drawHsnSummary, drawLines, drawParties, drawTotals } from './invoice-sections';
import { labelsOf } from './labels';
import { GREY, MARGIN, PdfCanvas } from './pdf-canvas';
import { embedShapedFont } from './shaped-text';

/**
 * Renders an invoice, bill of supply or credit note as an A4 PDF. The output depends only on the
 * model and the logo: the document dates are the sale's time, and nothing reads the clock or a
 * random source, so the terminal and the sync server produce the same bytes for the same sale.
 * @example
 * const pdf = await renderInvoicePdf(invoiceModelOf({ sale, store, units }));
 */
export async function renderInvoicePdf(
  model: InvoiceModel,
  options: { readonly logoPng?: Uint8Array } = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const issued = new Date(model.issuedAt);
  doc.setTitle(`${model.title} ${model.invoiceNo}`);
  doc.setAuthor(model.supplier.legalName);
  doc.setSubject(`${model.title} ${model.invoiceNo} ${model.invoiceDate}`);
  doc.setCreator('Kiryana');
  doc.setProducer('Kiryana invoice-pdf (pdf-lib)');
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);
  const fonts = invoiceFonts();
  const regular = await embedShapedFont(doc, fonts.regular);
  const bold = await embedShapedFont(doc, fonts.bold);
  const logo = await doc.embedPng(options.logoPng ?? bytesOfBase64(DEFAULT_LOGO_PNG_BASE64));
  const labels = labelsOf(model.language);
  const canvas = new PdfCanvas(doc, { regular, bold });
  drawHeader(canvas, model, labels, logo);
  drawParties(canvas, model, labels);
  drawLines(canvas, model, labels);
  drawHsnSummary(canvas, model, labels);
  drawTotals(canvas, model, labels);
  // Every page names its document, so a loose second page is still traceable.
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    canvas.page = page;
    const footer = `${model.title} ${model.invoiceNo} · ${labels.page} ${String(i + 1)}/${String(pages.length)}`;
    canvas.text(footer, canvas.right, MARGIN - 12, { size: 7, color: GREY, align: 'right' });
  });
  return doc.save();
}
