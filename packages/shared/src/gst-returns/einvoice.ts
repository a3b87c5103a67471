import type { Sale } from '../documents/sale';
import { gstStateByCode } from '../gst/gstin-state-codes';
import { uqcOf, uqcQuantity } from '../gst/uqc';
import { type BaseUnit, unitFactor } from '../units/quantity';
import { decimalText, einvoiceDate, percentOfBp, rupeesNumber } from './decimal';

/**
 * The e-invoice JSON of schema version 1.1 (NIC / IRP) of a B2B tax invoice, or of a credit note
 * against one (Rule 48(4) and notification 13/2020-Central Tax: e-invoicing covers B2B invoices
 * and their credit notes). Our bills are priced tax-inclusive, so an item's assessable value is
 * the line's taxable value (the discount is already in it: `Discount` is 0), `UnitPrice` is that
 * value per UQC unit, and `TotItemVal` the line's net. The JSON Schema of this shape is
 * `einvoiceJsonSchema` (einvoice.schema.ts).
 */

/** The supplier of an e-invoice: the store under its GSTIN. */
export type EinvoiceSeller = {
  readonly gstin: string;
  readonly legalName: string;
  readonly tradeName: string;
  readonly address: string;
  readonly stateCode: string;
};

/** The e-invoice JSON. */
export type EinvoiceJson = {
  Version: '1.1';
  TranDtls: { TaxSch: 'GST'; SupTyp: 'B2B'; RegRev: 'N'; IgstOnIntra: 'N' };
  DocDtls: { Typ: 'INV' | 'CRN'; No: string; Dt: string };
  SellerDtls: {
    Gstin: string;
    LglNm: string;
    TrdNm: string;
    Addr1: string;
    Loc: string;
    Stcd: string;
  };
  BuyerDtls: {
    Gstin: string;
    LglNm: string;
    Pos: string;
    Addr1: string;
    Loc: string;
    Stcd: string;
  };
  ItemList: {
    SlNo: string;
    IsServc: 'N';
    HsnCd: string;
    Qty: number;
    Unit: string;
    UnitPrice: number;
    TotAmt: number;
    Discount: number;
    AssAmt: number;
    GstRt: number;
    IgstAmt: number;
    CgstAmt: number;
    SgstAmt: number;
    CesAmt: number;
    TotItemVal: number;
  }[];
  ValDtls: {
    AssVal: number;
    CgstVal: number;
    SgstVal: number;
    IgstVal: number;
    CesVal: number;
    RndOffAmt: number;
    TotInvVal: number;
  };
};

/** Why a document gets no e-invoice, or null when it does. */
export type EinvoiceRefusal = 'STORE_NOT_EINVOICING' | 'NOT_B2B' | 'BILL_OF_SUPPLY';

/**
 * Whether a sale (or return, judged by its original) is e-invoiced: a tax invoice to a buyer with
 * a GSTIN from a store under e-invoicing.
 */
export function einvoiceRefusalOf(
  doc: Sale,
  original: Sale | null,
  store: { readonly einvoicing: boolean; readonly composition: boolean },
): EinvoiceRefusal | null {
  const basis = doc.kind === 'return' ? (original ?? doc) : doc;
  if (!store.einvoicing) return 'STORE_NOT_EINVOICING';
  if (store.composition || basis.invoiceKind === 'bill-of-supply') return 'BILL_OF_SUPPLY';
  if ((basis.buyer?.gstin ?? null) === null) return 'NOT_B2B';
  return null;
}

/** Text cut to the IRP's field length (Addr1 100, Loc 50; Loc at least 3). */
function cut(text: string, max: number): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, max);
}

function locality(address: string, stateCode: string): string {
  const loc = cut(address.split(',').pop() ?? '', 50);
  return loc.length >= 3 ? loc : (gstStateByCode(stateCode)?.name.en ?? stateCode);
}

/**
 * Builds the e-invoice of `doc` (check `einvoiceRefusalOf` first: the buyer is the original's for a
 * return). `unitOf` gives a product's base unit for Qty and Unit.
 */
export function buildEinvoice(
  doc: Sale,
  original: Sale | null,
  seller: EinvoiceSeller,
  unitOf: (productId: string) => BaseUnit,
): EinvoiceJson {
  const basis = doc.kind === 'return' ? (original ?? doc) : doc;
  const buyer = basis.buyer;
  if (!buyer?.gstin) throw new Error('an e-invoice needs a buyer with a GSTIN');
  const pos = basis.placeOfSupply ?? buyer.stateCode;
  const sum = (pick: (l: Sale['lines'][number]) => number) =>
    doc.lines.reduce((total, line) => total + pick(line), 0);
  return {
    Version: '1.1',
    TranDtls: { TaxSch: 'GST', SupTyp: 'B2B', RegRev: 'N', IgstOnIntra: 'N' },
    DocDtls: {
      Typ: doc.kind === 'return' ? 'CRN' : 'INV',
      No: doc.invoiceNo,
      Dt: einvoiceDate(doc.businessDate),
    },
    SellerDtls: {
      Gstin: seller.gstin,
      LglNm: cut(seller.legalName || seller.tradeName, 100),
      TrdNm: cut(seller.tradeName, 100),
      Addr1: cut(seller.address, 100) || seller.stateCode,
      Loc: locality(seller.address, seller.stateCode),
      Stcd: seller.stateCode,
    },
    BuyerDtls: {
      Gstin: buyer.gstin,
      LglNm: cut(buyer.name, 100),
      Pos: pos,
      Addr1: cut(buyer.address, 100) || buyer.stateCode,
      Loc: locality(buyer.address, buyer.stateCode),
      Stcd: buyer.stateCode,
    },
    ItemList: doc.lines.map((line, index) => {
      const unit = unitOf(line.productId);
      const factor = unitFactor(unit === 'piece' ? 'piece' : unit === 'g' ? 'kg' : 'l').factor;
      // Paise per UQC unit with three decimals of a rupee: taxable × factor / qty, half up.
      const milliRupees = Math.round((line.taxableMinor * 10 * factor) / line.qtyBase);
      return {
        SlNo: String(index + 1),
        IsServc: 'N',
        HsnCd: line.hsn,
        Qty: Number(uqcQuantity(unit, line.qtyBase)),
        Unit: uqcOf(unit),
        UnitPrice: Number(decimalText(milliRupees, 3)),
        TotAmt: rupeesNumber(line.taxableMinor),
        Discount: 0,
        AssAmt: rupeesNumber(line.taxableMinor),
        GstRt: percentOfBp(line.gstRateBp),
        IgstAmt: rupeesNumber(line.igstMinor),
        CgstAmt: rupeesNumber(line.cgstMinor),
        SgstAmt: rupeesNumber(line.sgstMinor),
        CesAmt: rupeesNumber(line.cessMinor),
        TotItemVal: rupeesNumber(line.netMinor),
      };
    }),
    ValDtls: {
      AssVal: rupeesNumber(sum((l) => l.taxableMinor)),
      CgstVal: rupeesNumber(sum((l) => l.cgstMinor)),
      SgstVal: rupeesNumber(sum((l) => l.sgstMinor)),
      IgstVal: rupeesNumber(sum((l) => l.igstMinor)),
      CesVal: rupeesNumber(sum((l) => l.cessMinor)),
      RndOffAmt: rupeesNumber(doc.totals.roundOffMinor),
      TotInvVal: rupeesNumber(doc.totals.totalMinor),
    },
  };
}

/** The financial year (`YYYY-YY`, April to March) of a business date. */
export function einvoiceFinancialYear(isoDate: string): string {
  const year = Number(isoDate.slice(0, 4));
  const start = Number(isoDate.slice(5, 7)) >= 4 ? year : year - 1;
  return `${String(start)}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/**
 * The text the IRP hashes (SHA-256, hex) into the IRN: supplier GSTIN, financial year, document
 * type and document number, concatenated (NIC e-invoice API, "IRN-Invoice Reference Number").
 * @example irnInputOf('01AAAAA9999A19N', '2019-12-12', 'INV', 'ABC01234'); // '01AAAAA9999A19N2019-20INVABC01234'
 */
export function irnInputOf(
  gstin: string,
  businessDate: string,
  typ: 'INV' | 'CRN',
  no: string,
): string {
  return `${gstin}${einvoiceFinancialYear(businessDate)}${typ}${no}`;
}
