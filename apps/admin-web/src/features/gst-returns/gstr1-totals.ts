import type { Gstr1Item, Gstr1Json } from '@kiryana/shared';

/**
 * Section totals of a GSTR-1 for the screen: how many documents or rows, the taxable value and
 * the tax of each table, in paise. The JSON holds rupees with at most two decimals; each figure
 * is turned back into paise from its decimal text (no float arithmetic) and summed as integers.
 */

/** A table the screen totals. */
type Gstr1Section = 'b2b' | 'b2cl' | 'b2cs' | 'cdnr' | 'cdnur' | 'hsn';

/** Totals of one table. */
export type SectionTotals = {
  readonly section: Gstr1Section;
  readonly count: number;
  readonly taxableMinor: number;
  readonly taxMinor: number;
};

/** Rupees of the JSON (at most two decimals) as integer paise, from the number's text. */
export function paiseOfRupees(rupees: number | undefined): number {
  const text = String(rupees ?? 0);
  if (!/^-?\d+(\.\d{1,2})?$/.test(text)) throw new RangeError(`not an amount in rupees: ${text}`);
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const paise = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return negative ? -paise : paise;
}

type Taxed = { txval: number; iamt?: number; camt?: number; samt?: number; csamt?: number };

function add(rows: readonly Taxed[]): { taxableMinor: number; taxMinor: number } {
  let taxableMinor = 0;
  let taxMinor = 0;
  for (const r of rows) {
    taxableMinor += paiseOfRupees(r.txval);
    taxMinor +=
      paiseOfRupees(r.iamt) +
      paiseOfRupees(r.camt) +
      paiseOfRupees(r.samt) +
      paiseOfRupees(r.csamt);
  }
  return { taxableMinor, taxMinor };
}

const details = (items: readonly Gstr1Item[]) => items.map((i) => i.itm_det);

/** Totals of every table of a GSTR-1. */
export function gstr1Totals(json: Gstr1Json): SectionTotals[] {
  const b2bInvoices = json.b2b.flatMap((b) => b.inv);
  const b2clInvoices = json.b2cl.flatMap((b) => b.inv);
  const cdnrNotes = json.cdnr.flatMap((c) => c.nt);
  const hsnRows = [...json.hsn.hsn_b2b, ...json.hsn.hsn_b2c];
  return [
    {
      section: 'b2b',
      count: b2bInvoices.length,
      ...add(details(b2bInvoices.flatMap((i) => i.itms))),
    },
    {
      section: 'b2cl',
      count: b2clInvoices.length,
      ...add(details(b2clInvoices.flatMap((i) => i.itms))),
    },
    { section: 'b2cs', count: json.b2cs.length, ...add(json.b2cs) },
    { section: 'cdnr', count: cdnrNotes.length, ...add(details(cdnrNotes.flatMap((n) => n.itms))) },
    {
      section: 'cdnur',
      count: json.cdnur.length,
      ...add(details(json.cdnur.flatMap((n) => n.itms))),
    },
    { section: 'hsn', count: hsnRows.length, ...add(hsnRows) },
  ];
}
