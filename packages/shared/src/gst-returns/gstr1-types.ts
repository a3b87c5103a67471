import type { Sale } from '../documents/sale';
import type { BaseUnit } from '../units/quantity';

/**
 * The GSTR-1 JSON of the GST portal's offline tool, as `buildGstr1` writes it (the sections a
 * retail chain issues; exports, advances and amendments are not issued by a counter). Amounts are
 * rupees as JSON numbers with at most two decimals, rates percent (18, 0.25), dates dd-mm-yyyy.
 * The JSON Schema of the same shape is `gstr1JsonSchema` (gstr1.schema.ts).
 */

/** Tax of one rate of an invoice or note. */
export type Gstr1ItemDetail = {
  txval: number;
  rt: number;
  iamt: number;
  camt?: number;
  samt?: number;
  csamt: number;
};

/** One rate row of an invoice or note (`num` is its serial within the document). */
export type Gstr1Item = { num: number; itm_det: Gstr1ItemDetail };

/** A B2B invoice. */
export type Gstr1B2bInvoice = {
  inum: string;
  idt: string;
  val: number;
  pos: string;
  rchrg: 'N';
  inv_typ: 'R';
  itms: Gstr1Item[];
};

/** A B2C large invoice (inter-state only, so IGST and cess). */
export type Gstr1B2clInvoice = { inum: string; idt: string; val: number; itms: Gstr1Item[] };

/** A B2C small row: a rate at a place of supply, net of credit notes. */
export type Gstr1B2csRow = {
  sply_ty: 'INTRA' | 'INTER';
  pos: string;
  typ: 'OE';
  rt: number;
  txval: number;
  iamt: number;
  camt: number;
  samt: number;
  csamt: number;
};

/** A credit note to a registered buyer. */
export type Gstr1CdnrNote = {
  ntty: 'C';
  nt_num: string;
  nt_dt: string;
  val: number;
  pos: string;
  rchrg: 'N';
  inv_typ: 'R';
  itms: Gstr1Item[];
};

/** A credit note against a B2C large invoice. */
export type Gstr1CdnurNote = {
  typ: 'B2CL';
  ntty: 'C';
  nt_num: string;
  nt_dt: string;
  val: number;
  pos: string;
  itms: Gstr1Item[];
};

/** A row of table 12 (HSN summary). */
export type Gstr1HsnRow = {
  num: number;
  hsn_sc: string;
  uqc: string;
  qty: number;
  rt: number;
  txval: number;
  iamt: number;
  camt: number;
  samt: number;
  csamt: number;
};

/** A series of one document type in table 13. */
export type Gstr1DocSeries = {
  num: number;
  from: string;
  to: string;
  totnum: number;
  cancel: number;
  net_issue: number;
};

/** The GSTR-1 file. */
export type Gstr1Json = {
  gstin: string;
  fp: string;
  b2b: { ctin: string; inv: Gstr1B2bInvoice[] }[];
  b2cl: { pos: string; inv: Gstr1B2clInvoice[] }[];
  b2cs: Gstr1B2csRow[];
  cdnr: { ctin: string; nt: Gstr1CdnrNote[] }[];
  cdnur: Gstr1CdnurNote[];
  hsn: { hsn_b2b: Gstr1HsnRow[]; hsn_b2c: Gstr1HsnRow[] };
  doc_issue: { doc_det: { doc_num: number; doc_typ: string; docs: Gstr1DocSeries[] }[] };
};

/** A store under the GSTIN. */
export type Gstr1Store = {
  readonly id: string;
  readonly stateCode: string;
  /** Composition stores file GSTR-4 / CMP-08: their bills are left out of GSTR-1. */
  readonly composition: boolean;
};

/** What `buildGstr1` reads. */
export type Gstr1Input = {
  readonly gstin: string;
  /** `YYYY-MM`. */
  readonly period: string;
  readonly stores: readonly Gstr1Store[];
  /** Sales and returns of the stores whose business date is in the period. */
  readonly documents: readonly Sale[];
  /** The original sales of the period's returns, whatever their month, by sale id. */
  readonly originals: ReadonlyMap<string, Sale>;
  /** The base unit of a product (HSN quantities); 'piece' when unknown. */
  readonly unitOf: (productId: string) => BaseUnit;
};

/** `buildGstr1`'s answer: the file, and what it left out and why. */
export type Gstr1Result = {
  readonly json: Gstr1Json;
  /** Stores under the composition scheme, whose bills of supply are not in GSTR-1. */
  readonly excludedCompositionStoreIds: readonly string[];
  /** Documents left out (bills of supply of composition stores and their returns). */
  readonly excludedDocuments: number;
};
