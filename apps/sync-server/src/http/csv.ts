import { formatNumber } from '@kiryana/shared';

/**
 * CSV as RFC 4180 writes it: comma separated, CRLF line ends, fields quoted when they hold a comma,
 * quote or line break, quotes doubled. The reader also takes LF line ends and a UTF-8 BOM (what
 * spreadsheet programs save), and reports the 1-based line each record starts on, so an import can
 * name the row a person sees in their editor.
 */

/** Paise as rupees with two decimals and no grouping, exactly (no float): 4550 → '45.50'. */
export function rupeesText(minor: number): string {
  return formatNumber(minor, { scale: 2, useGrouping: false, locale: 'en-IN' });
}

/** One parsed record with the line it starts on. */
export type CsvRecord = { readonly line: number; readonly fields: string[] };

/** Parses CSV text into records; throws on an unterminated quoted field. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    // A blank line is no record (a trailing newline, an empty row a spreadsheet left).
    if (fields.length > 1 || fields[0] !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < input.length) {
    const ch = input[i] ?? '';
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line += 1;
        field += ch;
      }
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else field += ch;
    i += 1;
  }
  if (quoted) throw new Error(`unterminated quoted field starting on line ${recordLine}`);
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** Writes rows as CSV (CRLF line ends, a final CRLF). */
export function toCsv(rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * One field. Text starting with = + - @ is prefixed with an apostrophe so a spreadsheet shows it
 * instead of running it as a formula (CSV injection); numbers are written as they are.
 */
function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
