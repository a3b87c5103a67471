import type { Sale } from '../documents/sale';
import type { Gstr1DocSeries, Gstr1Json } from './gstr1-types';

/**
 * Table 13 of GSTR-1: the documents issued in the month, per series. A terminal numbers its
 * invoices (and its credit notes) in series of a fixed prefix and a running number
 * (`T1/25/000123`); a series here is one terminal's numbers of one prefix. `totnum` counts the
 * whole range from the lowest to the highest number, so a number never seen in the range (a gap)
 * counts as cancelled: the chain keeps no voided invoices, and a gap is what the law treats so.
 */

/** Portal document types: 1 = invoices for outward supply, 5 = credit notes. */
const DOC_TYPES = [
  { doc_num: 1, doc_typ: 'Invoices for outward supply', kind: 'sale' },
  { doc_num: 5, doc_typ: 'Credit Note', kind: 'return' },
] as const;

/** `T1/25/000123` → prefix `T1/25/`, number 123 (a number without trailing digits is its own series). */
function splitNumber(invoiceNo: string): { prefix: string; serial: number | null } {
  const match = /^(.*?)(\d+)$/.exec(invoiceNo);
  if (match === null) return { prefix: invoiceNo, serial: null };
  return { prefix: match[1] ?? '', serial: Number(match[2]) };
}

/** The series of one document type. */
function seriesOf(docs: readonly Sale[]): Gstr1DocSeries[] {
  const bySeries = new Map<string, { numbers: Map<number, string>; lone: string[] }>();
  for (const doc of docs) {
    const { prefix, serial } = splitNumber(doc.invoiceNo);
    const key = `${doc.storeId}|${doc.terminalId}|${prefix}`;
    const entry = bySeries.get(key) ?? { numbers: new Map<number, string>(), lone: [] };
    if (serial === null) entry.lone.push(doc.invoiceNo);
    else entry.numbers.set(serial, doc.invoiceNo);
    bySeries.set(key, entry);
  }
  const rows: Omit<Gstr1DocSeries, 'num'>[] = [];
  for (const [, entry] of [...bySeries.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const serials = [...entry.numbers.keys()].sort((a, b) => a - b);
    const low = serials[0];
    const high = serials[serials.length - 1];
    if (low !== undefined && high !== undefined) {
      const totnum = high - low + 1;
      rows.push({
        from: entry.numbers.get(low) ?? '',
        to: entry.numbers.get(high) ?? '',
        totnum,
        cancel: totnum - serials.length,
        net_issue: serials.length,
      });
    }
    for (const no of [...new Set(entry.lone)].sort()) {
      rows.push({ from: no, to: no, totnum: 1, cancel: 0, net_issue: 1 });
    }
  }
  return rows.map((row, index) => ({ num: index + 1, ...row }));
}

/** Table 13 of the month's documents (types without documents are left out). */
export function docIssueOf(documents: readonly Sale[]): Gstr1Json['doc_issue'] {
  return {
    doc_det: DOC_TYPES.map((t) => ({
      doc_num: t.doc_num,
      doc_typ: t.doc_typ,
      docs: seriesOf(documents.filter((d) => d.kind === t.kind)),
    })).filter((t) => t.docs.length > 0),
  };
}
