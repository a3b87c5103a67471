import { type Sale, type SaleBuyer, type SaleLine } from '../documents/sale';
import { type Store } from '../documents/store';
import { gstStateByCode } from '../gst/gstin-state-codes';
import { type Uqc, uqcOf, uqcQuantity } from '../gst/uqc';
import { quantityKindOfLine } from '../units/display-unit';
import { type BaseUnit } from '../units/quantity';
import { amountInWords } from './amount-in-words';

/**
 * A sale (or return) as the GST document it is, laid out as data: the A4 PDF (packages/invoice-pdf)
 * draws exactly this, on the terminal and on the sync server, so the two print the same thing.
 * Every amount is copied from the sale document (never recomputed) and formatted here by string
 * arithmetic, not Intl, so that Node and Chromium with different ICU data print the same bytes.
 *
 * The fields cover Rule 46 of the CGST Rules 2017 (tax invoice), Rule 49 (bill of supply) and
 * Rule 53 (credit note); docs/gst.md, "Invoices", lists which field answers which clause.
 */

/** The legend Rule 5(1)(g) of the CGST Rules requires on a composition dealer's bill of supply. */
export const COMPOSITION_LEGEND =
  'composition taxable person, not eligible to collect tax on supplies';

/** A state as printed: its name and two-digit code. */
export type InvoiceState = { readonly code: string; readonly name: string };

/** The supplier (the store's GSTIN). */
export type InvoiceSupplier = {
  /** The legal name of the GSTIN (Rule 46(a)); the trade name when no legal name is recorded. */
  readonly legalName: string;
  /** The store's trade name, when it differs from the legal name; else null. */
  readonly tradeName: string | null;
  readonly address: string;
  readonly gstin: string;
  readonly state: InvoiceState;
};

/** The recipient, when the sale records one (B2B, or an addressed B2C sale). */
export type InvoiceRecipient = {
  readonly name: string;
  readonly address: string;
  /** Null for an unregistered buyer. */
  readonly gstin: string | null;
  readonly state: InvoiceState;
};

/** One line of goods. Amounts are formatted rupees ("1,20,305.50"), without the ₹ sign. */
export type InvoiceLine = {
  readonly no: number;
  readonly description: string;
  readonly hsn: string;
  /** The quantity in its UQC: "12" NOS, "1.250" KGS. */
  readonly qty: string;
  readonly uqc: Uqc;
  /** Tax-inclusive unit price and what it is per ("KGS", "NOS", or e.g. "500 g"). */
  readonly rate: string;
  readonly ratePer: string;
  /** Tax-inclusive value before discount. */
  readonly value: string;
  readonly discount: string;
  /** Taxable value after discount (Rule 46(i)). */
  readonly taxable: string;
  /** GST rate ("18%"); for an intra-state line each of CGST and SGST is half of it. */
  readonly gstRate: string;
  readonly cgst: string;
  readonly sgst: string;
  readonly igst: string;
  readonly cessRate: string;
  readonly cess: string;
  /** What the line costs, tax included, after discount. */
  readonly amount: string;
};

/** One row of the HSN-wise summary: per HSN, UQC and rate. */
export type InvoiceHsnRow = {
  readonly hsn: string;
  readonly uqc: Uqc;
  readonly qty: string;
  readonly gstRate: string;
  readonly cessRate: string;
  readonly taxable: string;
  readonly cgst: string;
  readonly sgst: string;
  readonly igst: string;
  readonly cess: string;
  readonly totalTax: string;
};

/** A labelled amount of the totals block. */
export type InvoiceTotal = {
  readonly key:
    'value' | 'discount' | 'taxable' | 'cgst' | 'sgst' | 'igst' | 'cess' | 'roundOff' | 'total';
  readonly amount: string;
};

/** Everything the invoice PDF prints. */
export type InvoiceModel = {
  readonly title: 'TAX INVOICE' | 'BILL OF SUPPLY' | 'CREDIT NOTE';
  readonly language: 'en' | 'hi';
  /** Whether tax columns are printed: false for a bill of supply and its credit notes (Rule 49). */
  readonly showsTax: boolean;
  /** IGST (inter-state) rather than CGST + SGST. */
  readonly interState: boolean;
  readonly supplier: InvoiceSupplier;
  readonly recipient: InvoiceRecipient | null;
  /** The consecutive serial number (Rule 46(b)): at most 16 characters. */
  readonly invoiceNo: string;
  /** The date of issue, DD-MM-YYYY (the sale's business date in the store's time zone). */
  readonly invoiceDate: string;
  /** For a credit note: the invoice it reverses (Rule 53(1)(g)); else null. */
  readonly original: { readonly invoiceNo: string; readonly invoiceDate: string } | null;
  readonly placeOfSupply: InvoiceState;
  /** Whether tax is payable on reverse charge (Rule 46(p)): never, for goods sold at a counter. */
  readonly reverseCharge: 'No';
  /** The composition legend on a bill of supply; else null. */
  readonly legend: string | null;
  readonly currency: string;
  readonly lines: readonly InvoiceLine[];
  readonly hsnSummary: readonly InvoiceHsnRow[];
  readonly totals: readonly InvoiceTotal[];
  /** The payable (or, on a credit note, refunded) total, formatted. */
  readonly grandTotal: string;
  readonly amountInWords: string;
  /** When the sale was made (ISO timestamp): the PDF's creation date, so its bytes are stable. */
  readonly issuedAt: string;
};

/**
 * Rupees from paise with Indian grouping and two decimals, by string arithmetic.
 * @example
 * formatInvoiceAmount(12030550); // '1,20,305.50'
 * formatInvoiceAmount(-5);       // '-0.05'
 */
export function formatInvoiceAmount(minor: number): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError('an amount is an integer of paise');
  const digits = String(Math.abs(minor)).padStart(3, '0');
  const whole = digits.slice(0, -2);
  // Indian grouping: the last three digits, then groups of two (1,20,305).
  const last3 = whole.slice(-3);
  const head = whole.slice(0, -3);
  const grouped = head === '' ? last3 : `${head.replace(/\B(?=(\d{2})+$)/g, ',')},${last3}`;
  return `${minor < 0 ? '-' : ''}${grouped}.${digits.slice(-2)}`;
}

/**
 * A rate in basis points as a percentage, trailing zeros dropped.
 * @example
 * formatInvoiceRate(1800); // '18%'
 * formatInvoiceRate(250);  // '2.5%'
 */
export function formatInvoiceRate(bp: number): string {
  const text = String(bp).padStart(3, '0');
  const fraction = text.slice(-2).replace(/0+$/, '');
  return `${text.slice(0, -2)}${fraction === '' ? '' : `.${fraction}`}%`;
}

/** ISO date "2026-12-07" as "07-12-2026". */
function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day ?? ''}-${month ?? ''}-${year ?? ''}`;
}

function stateOf(code: string, language: 'en' | 'hi'): InvoiceState {
  return { code, name: gstStateByCode(code)?.name[language] ?? '' };
}

function unitOf(line: SaleLine, units: Readonly<Record<string, BaseUnit>>): BaseUnit {
  // A product missing from the map (deleted since) is read from how the line was priced.
  return units[line.productId] ?? quantityKindOfLine(line).unit;
}

function ratePerOf(unit: BaseUnit, priceBasisQty: number): string {
  if (unit === 'piece' && priceBasisQty === 1) return 'NOS';
  if (unit !== 'piece' && priceBasisQty === 1000) return uqcOf(unit);
  return `${String(priceBasisQty)} ${unit === 'piece' ? 'NOS' : unit}`;
}

function hsnSummaryOf(
  lines: readonly SaleLine[],
  units: Readonly<Record<string, BaseUnit>>,
): InvoiceHsnRow[] {
  type Sum = {
    hsn: string;
    unit: BaseUnit;
    gstRateBp: number;
    cessRateBp: number;
    qty: number;
    taxable: number;
    cgst: number;
    sgst: number;
    igst: number;
    cess: number;
  };
  const sums = new Map<string, Sum>();
  for (const line of lines) {
    const unit = unitOf(line, units);
    const key = `${line.hsn}|${unit}|${String(line.gstRateBp)}|${String(line.cessRateBp)}`;
    const sum = sums.get(key) ?? {
      hsn: line.hsn,
      unit,
      gstRateBp: line.gstRateBp,
      cessRateBp: line.cessRateBp,
      qty: 0,
      taxable: 0,
      cgst: 0,
      sgst: 0,
      igst: 0,
      cess: 0,
    };
    sum.qty += line.qtyBase;
    sum.taxable += line.taxableMinor;
    sum.cgst += line.cgstMinor;
    sum.sgst += line.sgstMinor;
    sum.igst += line.igstMinor;
    sum.cess += line.cessMinor;
    sums.set(key, sum);
  }
  // Ordered by HSN, then unit and rate, so the summary does not depend on the order of the lines.
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, s]) => ({
      hsn: s.hsn,
      uqc: uqcOf(s.unit),
      qty: uqcQuantity(s.unit, s.qty),
      gstRate: formatInvoiceRate(s.gstRateBp),
      cessRate: formatInvoiceRate(s.cessRateBp),
      taxable: formatInvoiceAmount(s.taxable),
      cgst: formatInvoiceAmount(s.cgst),
      sgst: formatInvoiceAmount(s.sgst),
      igst: formatInvoiceAmount(s.igst),
      cess: formatInvoiceAmount(s.cess),
      totalTax: formatInvoiceAmount(s.cgst + s.sgst + s.igst + s.cess),
    }));
}

function totalsOf(sale: Sale, showsTax: boolean): InvoiceTotal[] {
  const t = sale.totals;
  const rows: InvoiceTotal[] = [{ key: 'value', amount: formatInvoiceAmount(t.grossMinor) }];
  if (t.discountMinor > 0)
    rows.push({ key: 'discount', amount: formatInvoiceAmount(-t.discountMinor) });
  if (showsTax) {
    rows.push({ key: 'taxable', amount: formatInvoiceAmount(t.taxableMinor) });
    if (sale.supplyType === 'inter')
      rows.push({ key: 'igst', amount: formatInvoiceAmount(t.igstMinor) });
    else {
      rows.push({ key: 'cgst', amount: formatInvoiceAmount(t.cgstMinor) });
      rows.push({ key: 'sgst', amount: formatInvoiceAmount(t.sgstMinor) });
    }
    if (t.cessMinor > 0) rows.push({ key: 'cess', amount: formatInvoiceAmount(t.cessMinor) });
  }
  if (t.roundOffMinor !== 0)
    rows.push({ key: 'roundOff', amount: formatInvoiceAmount(t.roundOffMinor) });
  rows.push({ key: 'total', amount: formatInvoiceAmount(t.totalMinor) });
  return rows;
}

function recipientOf(
  buyer: SaleBuyer | null | undefined,
  language: 'en' | 'hi',
): InvoiceRecipient | null {
  if (buyer === null || buyer === undefined) return null;
  return {
    name: buyer.name,
    address: buyer.address,
    gstin: buyer.gstin,
    state: stateOf(buyer.stateCode, language),
  };
}

/**
 * The invoice of a sale, the bill of supply of a composition store's sale, or the credit note of a
 * return (`original` is the sale it reverses, for its number and date).
 * @example
 * invoiceModelOf({ sale, store, units: { [productId]: 'g' } }).title; // 'TAX INVOICE'
 */
export function invoiceModelOf(input: {
  readonly sale: Sale;
  readonly store: Store;
  readonly units: Readonly<Record<string, BaseUnit>>;
  readonly original?: Sale | null;
  readonly language?: 'en' | 'hi';
}): InvoiceModel {
  const { sale, store, units } = input;
  const original = input.original ?? null;
  const language = input.language ?? 'en';
  // A version-1 sale is a tax invoice; a return's kind follows its original's.
  const kind = sale.invoiceKind ?? original?.invoiceKind ?? 'tax-invoice';
  const showsTax = kind === 'tax-invoice';
  const legalName =
    store.legalName !== undefined && store.legalName !== '' ? store.legalName : store.nameEn;
  const tradeName = language === 'hi' && store.nameHi !== '' ? store.nameHi : store.nameEn;
  const money = formatInvoiceAmount;
  return {
    title: sale.kind === 'return' ? 'CREDIT NOTE' : showsTax ? 'TAX INVOICE' : 'BILL OF SUPPLY',
    language,
    showsTax,
    interState: sale.supplyType === 'inter',
    supplier: {
      legalName,
      tradeName: tradeName === legalName ? null : tradeName,
      address: store.address,
      gstin: store.gstin,
      state: stateOf(store.stateCode, language),
    },
    recipient: recipientOf(sale.buyer ?? original?.buyer, language),
    invoiceNo: sale.invoiceNo,
    invoiceDate: formatDate(sale.businessDate),
    original:
      sale.kind === 'return' && original !== null
        ? { invoiceNo: original.invoiceNo, invoiceDate: formatDate(original.businessDate) }
        : null,
    placeOfSupply: stateOf(sale.placeOfSupply ?? store.stateCode, language),
    reverseCharge: 'No',
    legend: showsTax ? null : COMPOSITION_LEGEND,
    currency: sale.currency,
    lines: sale.lines.map((line) => {
      const unit = unitOf(line, units);
      return {
        no: line.lineNo,
        description: line.name,
        hsn: line.hsn,
        qty: uqcQuantity(unit, line.qtyBase),
        uqc: uqcOf(unit),
        rate: money(line.unitPriceMinor),
        ratePer: ratePerOf(unit, line.priceBasisQty),
        value: money(line.grossMinor),
        discount: money(line.discountMinor),
        taxable: money(line.taxableMinor),
        gstRate: formatInvoiceRate(line.gstRateBp),
        cgst: money(line.cgstMinor),
        sgst: money(line.sgstMinor),
        igst: money(line.igstMinor),
        cessRate: formatInvoiceRate(line.cessRateBp),
        cess: money(line.cessMinor),
        amount: money(line.netMinor),
      };
    }),
    hsnSummary: hsnSummaryOf(sale.lines, units),
    totals: totalsOf(sale, showsTax),
    grandTotal: money(sale.totals.totalMinor),
    amountInWords: amountInWords(sale.totals.totalMinor, language),
    issuedAt: sale.createdAt,
  };
}
