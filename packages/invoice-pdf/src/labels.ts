import { type InvoiceModel, type InvoiceTotal } from '@kiryana/shared';

/**
 * The printed words of an invoice, in English and Hindi. The PDF is made where no i18next runs
 * (the sync server) and must be the same bytes everywhere, so the two languages live here; the
 * English title is always printed too, since Rule 46 documents are known by it.
 */
export type InvoiceLabels = {
  readonly title: Readonly<Record<InvoiceModel['title'], string>>;
  readonly invoiceNo: string;
  readonly creditNoteNo: string;
  readonly date: string;
  readonly originalInvoice: string;
  readonly dated: string;
  readonly reverseCharge: string;
  readonly gstin: string;
  readonly state: string;
  readonly billedTo: string;
  readonly unregisteredBuyer: string;
  readonly placeOfSupply: string;
  readonly supply: string;
  readonly interState: string;
  readonly intraState: string;
  readonly columns: {
    readonly no: string;
    readonly description: string;
    readonly hsn: string;
    readonly qty: string;
    readonly uqc: string;
    readonly rate: string;
    readonly value: string;
    readonly discount: string;
    readonly taxable: string;
    readonly gstRate: string;
    readonly cess: string;
    readonly amount: string;
    readonly totalTax: string;
  };
  readonly hsnSummary: string;
  readonly totals: Readonly<Record<InvoiceTotal['key'], string>>;
  readonly amountInWords: string;
  readonly forSupplier: string;
  readonly signatory: string;
  readonly page: string;
};

const EN: InvoiceLabels = {
  title: { 'TAX INVOICE': '', 'BILL OF SUPPLY': '', 'CREDIT NOTE': '' },
  invoiceNo: 'Invoice No.',
  creditNoteNo: 'Credit Note No.',
  date: 'Date',
  originalInvoice: 'Against invoice',
  dated: 'dated',
  reverseCharge: 'Tax payable on reverse charge',
  gstin: 'GSTIN',
  state: 'State',
  billedTo: 'Billed to',
  unregisteredBuyer: 'Unregistered buyer (walk-in)',
  placeOfSupply: 'Place of supply',
  supply: 'Supply',
  interState: 'Inter-state (IGST)',
  intraState: 'Intra-state (CGST + SGST)',
  columns: {
    no: '#',
    description: 'Description of goods',
    hsn: 'HSN',
    qty: 'Qty',
    uqc: 'UQC',
    rate: 'Rate',
    value: 'Value',
    discount: 'Disc.',
    taxable: 'Taxable',
    gstRate: 'GST %',
    cess: 'Cess',
    amount: 'Amount',
    totalTax: 'Total tax',
  },
  hsnSummary: 'HSN-wise summary',
  totals: {
    value: 'Value of goods',
    discount: 'Discount',
    taxable: 'Taxable value',
    cgst: 'CGST',
    sgst: 'SGST',
    igst: 'IGST',
    cess: 'Cess',
    roundOff: 'Round off',
    total: 'Total',
  },
  amountInWords: 'Amount in words',
  forSupplier: 'For',
  signatory: 'Authorised signatory',
  page: 'Page',
};

const HI: InvoiceLabels = {
  title: { 'TAX INVOICE': 'कर बीजक', 'BILL OF SUPPLY': 'आपूर्ति का बिल', 'CREDIT NOTE': 'क्रेडिट नोट' },
  invoiceNo: 'बीजक संख्या',
  creditNoteNo: 'क्रेडिट नोट संख्या',
  date: 'दिनांक',
  originalInvoice: 'मूल बीजक',
  dated: 'दिनांक',
  reverseCharge: 'रिवर्स चार्ज पर कर देय',
  gstin: 'जीएसटीआईएन',
  state: 'राज्य',
  billedTo: 'प्राप्तकर्ता',
  unregisteredBuyer: 'अपंजीकृत ग्राहक',
  placeOfSupply: 'आपूर्ति का स्थान',
  supply: 'आपूर्ति',
  interState: 'अंतर-राज्यीय (IGST)',
  intraState: 'राज्य के भीतर (CGST + SGST)',
  columns: {
    no: '#',
    description: 'माल का विवरण',
    hsn: 'HSN',
    qty: 'मात्रा',
    uqc: 'UQC',
    rate: 'दर',
    value: 'मूल्य',
    discount: 'छूट',
    taxable: 'कर योग्य',
    gstRate: 'GST %',
    cess: 'सेस',
    amount: 'राशि',
    totalTax: 'कुल कर',
  },
  hsnSummary: 'HSN के अनुसार सारांश',
  totals: {
    value: 'माल का मूल्य',
    discount: 'छूट',
    taxable: 'कर योग्य मूल्य',
    cgst: 'CGST',
    sgst: 'SGST',
    igst: 'IGST',
    cess: 'सेस',
    roundOff: 'पूर्णांकन',
    total: 'कुल',
  },
  amountInWords: 'राशि शब्दों में',
  forSupplier: 'कृते',
  signatory: 'अधिकृत हस्ताक्षरकर्ता',
  page: 'पृष्ठ',
};

/** The labels of a language. */
export function labelsOf(language: InvoiceModel['language']): InvoiceLabels {
  return language === 'hi' ? HI : EN;
}
