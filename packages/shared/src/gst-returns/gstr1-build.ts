import type { Sale } from '../documents/sale';
import { gstr1Date, percentOfBp, rupeesNumber } from './decimal';
import { docIssueOf } from './gstr1-doc-issue';
import { hsnSummaryOf } from './gstr1-hsn';
import {
  type RateSums,
  addLine,
  gstr1SectionOf,
  placeOfSupplyOf,
  zeroSums,
} from './gstr1-classify';
import type {
  Gstr1B2bInvoice,
  Gstr1B2clInvoice,
  Gstr1B2csRow,
  Gstr1CdnrNote,
  Gstr1CdnurNote,
  Gstr1Input,
  Gstr1Item,
  Gstr1Json,
  Gstr1Result,
} from './gstr1-types';

/**
 * GSTR-1 of one GSTIN for one month, from the sales and returns of its stores (docs/gst.md,
 * "GSTR-1 and e-invoices"). A sale is B2B when its buyer has a GSTIN, B2C large when
 * `isB2cLarge` says so (inter-state, unregistered, above the threshold), else B2C small. A return
 * is a credit note of its original's section: against B2B in CDNR, against B2C large in CDNUR,
 * against B2C small netted into B2CS (the portal has no note table for small B2C). A version-1
 * sale has no buyer, place of supply or kind: a B2C tax invoice at its store's state.
 * Every figure is summed in paise and written once as rupees.
 */

/** A document's lines by GST rate, lowest rate first, as portal items (`num` 1, 2, …). */
function itemsOf(sale: Sale, heads: 'all' | 'igst'): Gstr1Item[] {
  const byRate = new Map<number, RateSums>();
  for (const line of sale.lines) {
    const sums = byRate.get(line.gstRateBp) ?? zeroSums();
    addLine(sums, line, 1);
    byRate.set(line.gstRateBp, sums);
  }
  return [...byRate.entries()]
    .sort(([a], [b]) => a - b)
    .map(([rateBp, s], index) => ({
      num: index + 1,
      itm_det:
        heads === 'all'
          ? {
              txval: rupeesNumber(s.taxable),
              rt: percentOfBp(rateBp),
              iamt: rupeesNumber(s.igst),
              camt: rupeesNumber(s.cgst),
              samt: rupeesNumber(s.sgst),
              csamt: rupeesNumber(s.cess),
            }
          : {
              txval: rupeesNumber(s.taxable),
              rt: percentOfBp(rateBp),
              iamt: rupeesNumber(s.igst),
              csamt: rupeesNumber(s.cess),
            },
    }));
}

/** Groups under a key, keys sorted, the items in insertion order. */
function grouped<T>(entries: readonly (readonly [string, T])[]): [string, T[]][] {
  const map = new Map<string, T[]>();
  for (const [key, value] of entries) map.set(key, [...(map.get(key) ?? []), value]);
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `YYYY-MM` → `MMYYYY`. */
export function filingPeriodOf(period: string): string {
  return `${period.slice(5, 7)}${period.slice(0, 4)}`;
}

/** Builds the GSTR-1 of `input.gstin` for `input.period`. */
export function buildGstr1(input: Gstr1Input): Gstr1Result {
  const storeById = new Map(input.stores.map((s) => [s.id, s]));
  const compositionIds = input.stores.filter((s) => s.composition).map((s) => s.id);
  const ordered = [...input.documents].sort((a, b) =>
    a.businessDate === b.businessDate
      ? a.invoiceNo.localeCompare(b.invoiceNo)
      : a.businessDate.localeCompare(b.businessDate),
  );
  const kept: Sale[] = [];
  let excluded = 0;
  for (const doc of ordered) {
    const store = storeById.get(doc.storeId);
    const original = doc.kind === 'return' ? input.originals.get(doc.originalSaleId ?? '') : doc;
    const billOfSupply =
      doc.invoiceKind === 'bill-of-supply' || original?.invoiceKind === 'bill-of-supply';
    if (store === undefined || store.composition || billOfSupply) excluded += 1;
    else kept.push(doc);
  }

  const b2b: [string, Gstr1B2bInvoice][] = [];
  const b2cl: [string, Gstr1B2clInvoice][] = [];
  const cdnr: [string, Gstr1CdnrNote][] = [];
  const cdnur: Gstr1CdnurNote[] = [];
  const b2cs = new Map<
    string,
    { row: Omit<Gstr1B2csRow, 'txval' | 'iamt' | 'camt' | 'samt' | 'csamt'>; sums: RateSums }
  >();

  for (const doc of kept) {
    const stateCode = storeById.get(doc.storeId)?.stateCode ?? '';
    // A return takes its original's section and place of supply; without the original (the
    // server refuses such a return, so only hand-made input) it stands for itself.
    const basis =
      doc.kind === 'return' ? (input.originals.get(doc.originalSaleId ?? '') ?? doc) : doc;
    const section = gstr1SectionOf(basis);
    const pos = placeOfSupplyOf(basis, stateCode);
    if (section === 'b2cs') {
      const sign = doc.kind === 'return' ? -1 : 1;
      const splyTy = basis.supplyType === 'inter' ? 'INTER' : 'INTRA';
      for (const line of doc.lines) {
        const key = `${splyTy}|${pos}|${String(line.gstRateBp).padStart(6, '0')}`;
        const entry = b2cs.get(key) ?? {
          row: { sply_ty: splyTy, pos, typ: 'OE' as const, rt: percentOfBp(line.gstRateBp) },
          sums: zeroSums(),
        };
        addLine(entry.sums, line, sign);
        b2cs.set(key, entry);
      }
      continue;
    }
    const common = { val: rupeesNumber(doc.totals.totalMinor) };
    if (doc.kind === 'sale' && section === 'b2b') {
      b2b.push([
        basis.buyer?.gstin ?? '',
        {
          inum: doc.invoiceNo,
          idt: gstr1Date(doc.businessDate),
          ...common,
          pos,
          rchrg: 'N',
          inv_typ: 'R',
          itms: itemsOf(doc, 'all'),
        },
      ]);
    } else if (doc.kind === 'sale') {
      b2cl.push([
        pos,
        {
          inum: doc.invoiceNo,
          idt: gstr1Date(doc.businessDate),
          ...common,
          itms: itemsOf(doc, 'igst'),
        },
      ]);
    } else if (section === 'b2b') {
      cdnr.push([
        basis.buyer?.gstin ?? '',
        {
          ntty: 'C',
          nt_num: doc.invoiceNo,
          nt_dt: gstr1Date(doc.businessDate),
          ...common,
          pos,
          rchrg: 'N',
          inv_typ: 'R',
          itms: itemsOf(doc, 'all'),
        },
      ]);
    } else {
      cdnur.push({
        typ: 'B2CL',
        ntty: 'C',
        nt_num: doc.invoiceNo,
        nt_dt: gstr1Date(doc.businessDate),
        ...common,
        pos,
        itms: itemsOf(doc, 'igst'),
      });
    }
  }

  const json: Gstr1Json = {
    gstin: input.gstin,
    fp: filingPeriodOf(input.period),
    b2b: grouped(b2b).map(([ctin, inv]) => ({ ctin, inv })),
    b2cl: grouped(b2cl).map(([pos, inv]) => ({ pos, inv })),
    b2cs: [...b2cs.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .filter(([, e]) => Object.values(e.sums).some((v) => v !== 0))
      .map(([, e]) => ({
        ...e.row,
        txval: rupeesNumber(e.sums.taxable),
        iamt: rupeesNumber(e.sums.igst),
        camt: rupeesNumber(e.sums.cgst),
        samt: rupeesNumber(e.sums.sgst),
        csamt: rupeesNumber(e.sums.cess),
      })),
    cdnr: grouped(cdnr).map(([ctin, nt]) => ({ ctin, nt })),
    cdnur,
    hsn: hsnSummaryOf(kept, input.originals, input.unitOf),
    doc_issue: docIssueOf(kept),
  };
  return { json, excludedCompositionStoreIds: compositionIds, excludedDocuments: excluded };
}
