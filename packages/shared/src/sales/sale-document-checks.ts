import { type RefundHistory, refundCapBreak, refundCapMinor } from '../bill/index';
import type { Sale, SaleLine } from '../documents/index';
import type { DocumentProblem, SaleDocumentCode } from '../errors/index';
import { gstStateByCode, validateGstin } from '../gst/index';
import { implausibleQty, MAX_PLAUSIBLE_QTY_BASE } from '../stock/index';

/**
 * The business rules a schema-valid sale or return document must keep. The sync server
 * quarantines a pushed document for the first problem (answering the push with a 4xx would make
 * RxDB resend the row forever and wedge the terminal's queue; docs/sync.md, "Quarantine"); a
 * terminal runs the same checks before it saves a bill, so a bill the server would quarantine
 * never leaves the counter. The rules only refuse what is certainly inconsistent: a document made
 * by an older terminal whose arithmetic holds is never refused for how it rounded.
 */

/** A problem of a sale or return document. */
export type SaleDocumentProblem = DocumentProblem<SaleDocumentCode>;

/** What a document is checked against besides itself. */
export type SaleCheckContext = {
  /** The store of the device that makes or pushes the document (else the store is not checked). */
  readonly storeId?: string;
  /**
   * For a return: what its original bill was paid and refunded before it, where that is known
   * (else the refund cap is left to the server, which knows every return of the store).
   */
  readonly refundHistory?: RefundHistory;
  /**
   * The store's GST state code (its GSTIN's first two digits), where the caller knows it: the
   * supply type is then checked against the place of supply (intra exactly when it is this state).
   */
  readonly storeStateCode?: string;
};

/** The totals that are plain sums of the lines' fields of the same name. */
const LINE_SUM_TOTALS = [
  'grossMinor',
  'discountMinor',
  'netMinor',
  'taxableMinor',
  'cgstMinor',
  'sgstMinor',
  'igstMinor',
  'cessMinor',
] as const;

/**
 * Every rule `doc` breaks, in the order of `SALE_DOCUMENT_CODES` ([] when it keeps them all):
 * the store, an original on returns only, distinct line numbers, plausible quantities, per line
 * gross − discount = net = taxable + CGST + SGST + IGST + cess, CGST/SGST only on intra-state and
 * IGST only on inter-state supply, a valid buyer GSTIN, a place of supply that agrees with the buyer
 * and (given `storeStateCode`) with the supply type, no tax on a bill of supply, totals that are
 * the sums of the lines, total = net + round-off,
 * payments that add up to the total, and a return's refund within what is left of what was paid.
 * Sums are exact (bigint), so amounts near 2^53 cannot round their way past a check.
 * @example
 * checkSaleDocument(sale, { storeId: 'store-1' }); // []
 * checkSaleDocument({ ...sale, totals: { ...sale.totals, totalMinor: 1 } })[0];
 * // { code: 'TOTALS_MISMATCH', path: 'totals.totalMinor',
 * //   message: 'totals.totalMinor must be netMinor + roundOffMinor.' }
 */
export function checkSaleDocument(
  doc: Omit<Sale, '_deleted'>,
  context: SaleCheckContext = {},
): SaleDocumentProblem[] {
  const problems: SaleDocumentProblem[] = [];
  const add = (code: SaleDocumentCode, path: string, message: string) => {
    problems.push({ code, path, message });
  };
  if (context.storeId !== undefined && doc.storeId !== context.storeId) {
    add('SCOPE_VIOLATION', 'storeId', 'The sale names a store this device is not enrolled in.');
  }
  if (doc.kind === 'sale' && doc.originalSaleId !== null) {
    add('SALE_WITH_ORIGINAL', 'originalSaleId', 'Only a return may point at an original sale.');
  }
  if (doc.kind === 'return' && doc.originalSaleId === null) {
    add(
      'RETURN_WITHOUT_ORIGINAL',
      'originalSaleId',
      'A return must point at the sale it reverses.',
    );
  }
  const seenLineNos = new Set<number>();
  doc.lines.forEach((line, index) => {
    if (seenLineNos.has(line.lineNo)) {
      add(
        'DUPLICATE_LINE_NO',
        `lines.${index}.lineNo`,
        'Two lines of the bill share a line number.',
      );
    }
    seenLineNos.add(line.lineNo);
  });
  doc.lines.forEach((line, index) => {
    problems.push(...lineProblems(line, `lines.${index}`, doc.supplyType));
  });
  problems.push(...placeOfSupplyProblems(doc, context.storeStateCode));
  if (doc.invoiceKind === 'bill-of-supply') {
    doc.lines.forEach((line, index) => {
      const taxed = TAX_HEADS.find((head) => line[head] > 0);
      if (taxed) {
        add(
          'BILL_OF_SUPPLY_WITH_TAX',
          `lines.${index}.${taxed}`,
          `Line ${line.lineNo}: a bill of supply charges no tax.`,
        );
      }
    });
  }
  for (const field of LINE_SUM_TOTALS) {
    if (sumExact(doc.lines.map((line) => line[field])) !== BigInt(doc.totals[field])) {
      add('TOTALS_MISMATCH', `totals.${field}`, `totals.${field} is not the sum of the lines.`);
    }
  }
  const { netMinor, roundOffMinor, totalMinor } = doc.totals;
  if (sumExact([netMinor, roundOffMinor]) !== BigInt(totalMinor)) {
    add(
      'TOTALS_MISMATCH',
      'totals.totalMinor',
      'totals.totalMinor must be netMinor + roundOffMinor.',
    );
  }
  if (sumExact(doc.payments.map((payment) => payment.amountMinor)) !== BigInt(totalMinor)) {
    add('PAYMENTS_MISMATCH', 'payments', 'The payments do not add up to the bill total.');
  }
  const history = context.refundHistory;
  if (doc.kind === 'return' && history && refundCapBreak(history, totalMinor) !== null) {
    add(
      'REFUND_EXCEEDS_PAID',
      'totals.totalMinor',
      `The return refunds ${totalMinor}; only ${refundCapMinor(history)} of the ${history.paidMinor} paid is left to refund.`,
    );
  }
  return problems;
}

function lineProblems(
  line: SaleLine,
  path: string,
  supplyType: Sale['supplyType'],
): SaleDocumentProblem[] {
  const problems: SaleDocumentProblem[] = [];
  if (line.qtyBase > MAX_PLAUSIBLE_QTY_BASE) {
    problems.push(implausibleQty(`${path}.qtyBase`, line.qtyBase));
  }
  const net = BigInt(line.netMinor);
  const taxes = sumExact([
    line.taxableMinor,
    line.cgstMinor,
    line.sgstMinor,
    line.igstMinor,
    line.cessMinor,
  ]);
  if (BigInt(line.grossMinor) - BigInt(line.discountMinor) !== net || taxes !== net) {
    problems.push({
      code: 'LINE_ARITHMETIC',
      path: `${path}.netMinor`,
      message: `Line ${line.lineNo}: gross − discount must equal net, and taxable + taxes must equal net.`,
    });
  }
  const interState = line.igstMinor > 0;
  const intraState = line.cgstMinor > 0 || line.sgstMinor > 0;
  if ((supplyType === 'intra' && interState) || (supplyType === 'inter' && intraState)) {
    problems.push({
      code: 'SUPPLY_TYPE_TAX',
      path: supplyType === 'intra' ? `${path}.igstMinor` : `${path}.cgstMinor`,
      message: `Line ${line.lineNo}: intra-state supply carries CGST+SGST, inter-state IGST only.`,
    });
  }
  return problems;
}

/** The tax amounts of a line, which a bill of supply leaves at zero. */
const TAX_HEADS = ['cgstMinor', 'sgstMinor', 'igstMinor', 'cessMinor'] as const;

/**
 * The buyer and place-of-supply rules of a version-2 sale; a version-1 sale has neither field and
 * keeps none of them (it is a B2C bill at the store's state). Buyer GSTIN first (shape, state,
 * check character), then the states: a registered buyer's state is its GSTIN's, the place of
 * supply is the buyer's state when there is a buyer, every state code is a GST state, and, when the
 * store's state is known, the supply is intra-state exactly when the place of supply is that state.
 */
function placeOfSupplyProblems(
  doc: Pick<Sale, 'buyer' | 'placeOfSupply' | 'supplyType'>,
  storeStateCode: string | undefined,
): SaleDocumentProblem[] {
  const problems: SaleDocumentProblem[] = [];
  const mismatch = (path: string, message: string) => {
    problems.push({ code: 'PLACE_OF_SUPPLY_MISMATCH', path, message });
  };
  const { buyer, placeOfSupply } = doc;
  if (buyer?.gstin != null) {
    const check = validateGstin(buyer.gstin);
    if (!check.ok) {
      problems.push({ code: 'BUYER_GSTIN_INVALID', path: 'buyer.gstin', message: check.message });
    }
  }
  if (buyer && gstStateByCode(buyer.stateCode) === null) {
    mismatch('buyer.stateCode', `No state has GST code ${buyer.stateCode}.`);
  } else if (buyer?.gstin != null && buyer.gstin.slice(0, 2) !== buyer.stateCode) {
    mismatch(
      'buyer.stateCode',
      `The buyer's GSTIN is of state ${buyer.gstin.slice(0, 2)}, not ${buyer.stateCode}.`,
    );
  }
  if (placeOfSupply !== undefined && gstStateByCode(placeOfSupply) === null) {
    mismatch('placeOfSupply', `No state has GST code ${placeOfSupply}.`);
  } else if (buyer && placeOfSupply !== undefined && placeOfSupply !== buyer.stateCode) {
    mismatch('placeOfSupply', `The place of supply must be the buyer's state, ${buyer.stateCode}.`);
  }
  // The place of supply a v2 sale implies: as recorded, else the buyer's state (placeOfSupply()).
  const state = placeOfSupply ?? buyer?.stateCode;
  if (storeStateCode !== undefined && state !== undefined) {
    const expected = state === storeStateCode ? 'intra' : 'inter';
    if (doc.supplyType !== expected) {
      mismatch(
        'supplyType',
        `A supply from state ${storeStateCode} to place of supply ${state} is ${expected}-state.`,
      );
    }
  }
  return problems;
}

/** Sums integers exactly: five amounts near 2^53 would already round in a double. */
function sumExact(values: readonly number[]): bigint {
  return values.reduce((total, value) => total + BigInt(value), 0n);
}
