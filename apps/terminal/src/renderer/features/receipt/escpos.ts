import type { ReceiptModel } from './receipt-model';

/**
 * ESC/POS for 58 mm (32 columns) and 80 mm (48 columns) thermal printers in font A. Thermal code
 * pages have no Devanagari and no rupee sign, so the printed receipt is plain ASCII: "Rs." for ₹,
 * English names, anything else replaced by "?". `decodeEscPos` reads the bytes back into commands,
 * for tests and for a print preview.
 */

/** A printer command. */
export type EscPosCommand =
  | { readonly type: 'init' }
  | { readonly type: 'align'; readonly align: 'left' | 'center' | 'right' }
  | { readonly type: 'bold'; readonly on: boolean }
  | { readonly type: 'size'; readonly double: boolean }
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'newline' }
  | { readonly type: 'feed'; readonly lines: number }
  | { readonly type: 'cut' };

/** Paper widths and their columns in font A. */
export const ESC_POS_COLUMNS = { 58: 32, 80: 48 } as const;

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;
const ALIGN_CODES = { left: 0, center: 1, right: 2 } as const;

/** Makes text printable on an ASCII code page. */
export function toPrinterText(text: string): string {
  return text
    .replace(/₹/g, 'Rs.')
    .replace(/[\u2212\u2013\u2014]/g, '-')
    .replace(/[\u00a0\u202f]/g, ' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '?');
}

/** Encodes commands as bytes. */
export function encodeEscPos(commands: readonly EscPosCommand[]): Uint8Array {
  const bytes: number[] = [];
  for (const command of commands) {
    switch (command.type) {
      case 'init':
        bytes.push(ESC, 0x40);
        break;
      case 'align':
        bytes.push(ESC, 0x61, ALIGN_CODES[command.align]);
        break;
      case 'bold':
        bytes.push(ESC, 0x45, command.on ? 1 : 0);
        break;
      case 'size':
        bytes.push(GS, 0x21, command.double ? 0x11 : 0x00);
        break;
      case 'text':
        for (const char of toPrinterText(command.text)) bytes.push(char.charCodeAt(0));
        break;
      case 'newline':
        bytes.push(LF);
        break;
      case 'feed':
        bytes.push(ESC, 0x64, Math.max(0, Math.min(255, command.lines)));
        break;
      case 'cut':
        // GS V 66 n: feed n dots and partial cut.
        bytes.push(GS, 0x56, 0x42, 0x00);
        break;
    }
  }
  return Uint8Array.from(bytes);
}

/** Decodes bytes made by `encodeEscPos` back into commands (consecutive text merged). */
export function decodeEscPos(bytes: Uint8Array): EscPosCommand[] {
  const commands: EscPosCommand[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') commands.push({ type: 'text', text });
    text = '';
  };
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    const next = bytes[i + 1];
    const arg = bytes[i + 2] ?? 0;
    if (byte === ESC && next === 0x40) {
      flush();
      commands.push({ type: 'init' });
      i += 1;
    } else if (byte === ESC && next === 0x61) {
      flush();
      commands.push({ type: 'align', align: arg === 1 ? 'center' : arg === 2 ? 'right' : 'left' });
      i += 2;
    } else if (byte === ESC && next === 0x45) {
      flush();
      commands.push({ type: 'bold', on: arg === 1 });
      i += 2;
    } else if (byte === ESC && next === 0x64) {
      flush();
      commands.push({ type: 'feed', lines: arg });
      i += 2;
    } else if (byte === GS && next === 0x21) {
      flush();
      commands.push({ type: 'size', double: arg !== 0 });
      i += 2;
    } else if (byte === GS && next === 0x56) {
      flush();
      commands.push({ type: 'cut' });
      i += 3;
    } else if (byte === LF) {
      flush();
      commands.push({ type: 'newline' });
    } else if (byte >= 0x20 && byte <= 0x7e) {
      text += String.fromCharCode(byte);
    } else {
      throw new Error(`Unexpected byte 0x${byte.toString(16)} at ${i}.`);
    }
  }
  flush();
  return commands;
}

/** The printed lines of decoded commands (for tests and previews). */
export function printedLines(commands: readonly EscPosCommand[]): string[] {
  const lines: string[] = [];
  let current = '';
  for (const command of commands) {
    if (command.type === 'text') current += command.text;
    else if (command.type === 'newline') {
      lines.push(current);
      current = '';
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

/**
 * Left and right text on one line padded to the width; when both do not fit, the left text gets
 * its own line(s) and the right text goes right-aligned below, so no amount is ever cut.
 */
function twoColumns(left: string, right: string, columns: number): string[] {
  const l = toPrinterText(left);
  const r = toPrinterText(right);
  if (l.length + r.length + 1 <= columns)
    return [`${l}${' '.repeat(columns - l.length - r.length)}${r}`];
  return [
    ...wrap(l, columns),
    `${' '.repeat(Math.max(0, columns - r.length))}${r.slice(0, columns)}`,
  ];
}

/** Splits text into lines of at most `columns` characters at spaces. */
function wrap(text: string, columns: number): string[] {
  const words = toPrinterText(text).split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (candidate.length <= columns) line = candidate;
    else {
      if (line !== '') lines.push(line);
      line = word.slice(0, columns);
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * The ESC/POS commands of a receipt for a paper width.
 * @example
 * encodeEscPos(receiptEscPos(model, 58));
 */
export function receiptEscPos(model: ReceiptModel, widthMm: 58 | 80): EscPosCommand[] {
  const columns = ESC_POS_COLUMNS[widthMm];
  const out: EscPosCommand[] = [{ type: 'init' }];
  const line = (text: string | readonly string[]) => {
    for (const one of typeof text === 'string' ? [text] : text) {
      out.push({ type: 'text', text: one }, { type: 'newline' });
    }
  };
  const rule = () => {
    line('-'.repeat(columns));
  };
  out.push({ type: 'align', align: 'center' }, { type: 'bold', on: true });
  for (const text of wrap(model.storeName, columns)) line(text);
  out.push({ type: 'bold', on: false });
  for (const text of wrap(model.address, columns)) line(text);
  if (model.gstin !== null) line(`GSTIN: ${model.gstin}`);
  out.push({ type: 'bold', on: true });
  line(model.title);
  out.push({ type: 'bold', on: false });
  if (model.legend !== null) for (const text of wrap(model.legend, columns)) line(text);
  out.push({ type: 'align', align: 'left' });
  line(model.invoiceNo);
  if (model.originalInvoiceNo !== null) line(`Ref: ${model.originalInvoiceNo}`);
  line(model.dateTime);
  if (model.buyer !== null) {
    for (const text of wrap(`${model.buyer.label}: ${model.buyer.name}`, columns)) line(text);
    line(`GSTIN: ${model.buyer.gstin}`);
  }
  if (model.placeOfSupply !== null)
    for (const text of wrap(`${model.placeOfSupply.label}: ${model.placeOfSupply.amount}`, columns))
      line(text);
  rule();
  for (const item of model.items) {
    for (const text of wrap(item.name, columns)) line(text);
    const gst = item.gstRate === null ? '' : ` GST ${item.gstRate}`;
    line(toPrinterText(`  HSN ${item.hsn}${gst} MRP ${item.mrp}`).slice(0, columns));
    line(twoColumns(`  ${item.qty} x ${item.rate}`, item.amount, columns));
  }
  rule();
  for (const row of model.totals) line(twoColumns(row.label, row.amount, columns));
  out.push({ type: 'bold', on: true }, { type: 'size', double: widthMm === 80 });
  const grandColumns = widthMm === 80 ? columns / 2 : columns;
  line(twoColumns(model.grandTotal.label, model.grandTotal.amount, grandColumns));
  out.push({ type: 'size', double: false }, { type: 'bold', on: false });
  rule();
  if (model.showsTax) {
    line(twoColumns('GST %', model.hasIgst ? 'Taxable / IGST' : 'Taxable / CGST / SGST', columns));
    for (const row of model.taxRows) {
      const taxes = model.hasIgst
        ? `${row.taxable} / ${row.igst}`
        : `${row.taxable} / ${row.cgst} / ${row.sgst}`;
      line(twoColumns(row.rate, taxes, columns));
    }
    rule();
  }
  for (const payment of model.payments) line(twoColumns(payment.label, payment.amount, columns));
  if (model.savings !== null) {
    out.push({ type: 'align', align: 'center' }, { type: 'bold', on: true });
    for (const text of wrap(model.savings, columns)) line(text);
    out.push({ type: 'bold', on: false }, { type: 'align', align: 'left' });
  }
  out.push({ type: 'align', align: 'center' });
  for (const text of wrap(model.footer, columns)) line(text);
  out.push({ type: 'feed', lines: 3 }, { type: 'cut' });
  return out;
}
