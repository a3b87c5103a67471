import type { Gstr1Item, Gstr1ItemDetail, Gstr1Json } from './gstr1-types';

/**
 * One table of a GSTR-1 as rows for a spreadsheet (the accountant's check of the JSON): the same
 * figures, one row per invoice rate (b2b, b2cl, cdnr, cdnur), per B2CS row, per HSN row (with the
 * list it belongs to) or per document series. The first row is the header.
 */

/** The sections `gstr1CsvRows` writes. */
export const GSTR1_CSV_SECTIONS = ['b2b', 'b2cl', 'b2cs', 'cdnr', 'cdnur', 'hsn', 'docs'] as const;
/** A CSV section. */
export type Gstr1CsvSection = (typeof GSTR1_CSV_SECTIONS)[number];

/**
 * A rupee figure of the JSON as text with two decimals. The number was parsed from exact
 * two-decimal text, so printing it to two places gives that text back.
 */
function money(value: number | undefined): string {
  return (value ?? 0).toFixed(2);
}

const TAX_HEADER = ['rate', 'taxable', 'igst', 'cgst', 'sgst', 'cess'];

/** The figures of one rate: an item's `itm_det`, a B2CS row or an HSN row. */
type TaxFigures = Pick<Gstr1ItemDetail, 'rt' | 'txval' | 'iamt' | 'camt' | 'samt' | 'csamt'>;

/** The cells under TAX_HEADER. */
function taxCells(d: TaxFigures): string[] {
  return [
    String(d.rt),
    money(d.txval),
    money(d.iamt),
    money(d.camt),
    money(d.samt),
    money(d.csamt),
  ];
}

/** One row per item of a document: the document's own cells, then the item's tax figures. */
function itemRows(lead: string[], items: readonly Gstr1Item[]): string[][] {
  return items.map((item) => [...lead, ...taxCells(item.itm_det)]);
}

/** The rows of one section, header first. */
export function gstr1CsvRows(json: Gstr1Json, section: Gstr1CsvSection): string[][] {
  switch (section) {
    case 'b2b':
      return [
        [
          'buyer_gstin',
          'invoice_no',
          'invoice_date',
          'invoice_value',
          'place_of_supply',
          ...TAX_HEADER,
        ],
        ...json.b2b.flatMap((b) =>
          b.inv.flatMap((inv) =>
            itemRows([b.ctin, inv.inum, inv.idt, money(inv.val), inv.pos], inv.itms),
          ),
        ),
      ];
    case 'b2cl':
      return [
        ['place_of_supply', 'invoice_no', 'invoice_date', 'invoice_value', ...TAX_HEADER],
        ...json.b2cl.flatMap((b) =>
          b.inv.flatMap((inv) => itemRows([b.pos, inv.inum, inv.idt, money(inv.val)], inv.itms)),
        ),
      ];
    case 'b2cs':
      return [
        ['supply_type', 'place_of_supply', 'type', ...TAX_HEADER],
        ...json.b2cs.map((r) => [r.sply_ty, r.pos, r.typ, ...taxCells(r)]),
      ];
    case 'cdnr':
      return [
        ['buyer_gstin', 'note_no', 'note_date', 'note_value', 'place_of_supply', ...TAX_HEADER],
        ...json.cdnr.flatMap((b) =>
          b.nt.flatMap((nt) =>
            itemRows([b.ctin, nt.nt_num, nt.nt_dt, money(nt.val), nt.pos], nt.itms),
          ),
        ),
      ];
    case 'cdnur':
      return [
        ['type', 'note_no', 'note_date', 'note_value', 'place_of_supply', ...TAX_HEADER],
        ...json.cdnur.flatMap((nt) =>
          itemRows([nt.typ, nt.nt_num, nt.nt_dt, money(nt.val), nt.pos], nt.itms),
        ),
      ];
    case 'hsn':
      return [
        ['list', 'hsn', 'uqc', 'qty', ...TAX_HEADER],
        ...(['hsn_b2b', 'hsn_b2c'] as const).flatMap((list) =>
          json.hsn[list].map((r) => [
            list === 'hsn_b2b' ? 'B2B' : 'B2C',
            r.hsn_sc,
            r.uqc,
            String(r.qty),
            ...taxCells(r),
          ]),
        ),
      ];
    case 'docs':
      return [
        ['document_type', 'from', 'to', 'total', 'cancelled', 'net_issued'],
        ...json.doc_issue.doc_det.flatMap((t) =>
          t.docs.map((s) => [
            t.doc_typ,
            s.from,
            s.to,
            String(s.totnum),
            String(s.cancel),
            String(s.net_issue),
          ]),
        ),
      ];
  }
}
