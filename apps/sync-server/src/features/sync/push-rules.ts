import {
  ADJUSTMENT_REASONS,
  type AdjustmentReason,
  type Sale,
  type StockMovement,
  validateStockMovement,
} from '@kiryana/shared';

/**
 * Business rules a schema-valid pushed fact must also keep. A row that breaks one is put into
 * quarantine instead of being stored, and the rest of its push commits: answering the whole push
 * with a 4xx would make RxDB resend the same row forever and wedge the terminal's queue
 * (docs/sync.md, "Quarantine"). The rules only refuse what is certainly inconsistent.
 */

/** Why a row was quarantined: a stable code and a message for the person fixing it. */
export type RuleBreak = { readonly code: string; readonly message: string };

/** The device a push comes from; the store is taken from its credential, never from the body. */
export type PushOrigin = { readonly storeId: string; readonly deviceId: string };

/**
 * Larger than any real stock quantity in base units (a million tonnes in grams), far below 2^53:
 * sums of many such quantities in the projection stay exact.
 */
export const MAX_PLAUSIBLE_QTY_BASE = 1_000_000_000_000;

const SALE_TOTAL_FIELDS = [
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
 * Why a new fact pushed as deleted is quarantined. Facts are insert-only: a deletion of a stored
 * fact is answered as a conflict with the stored state (the terminal restores it), and one that
 * was made and deleted offline never reaches the books.
 */
export const FACT_DELETED: RuleBreak = {
  code: 'FACT_DELETED',
  message: 'Sales and stock movements are corrected by new documents, never deleted.',
};

/** The first business rule a pushed sale or return breaks, or null. */
export function saleRuleBreak(sale: Sale, origin: PushOrigin): RuleBreak | null {
  if (sale.storeId !== origin.storeId) {
    return {
      code: 'SCOPE_VIOLATION',
      message: 'The sale names a store this device is not enrolled in.',
    };
  }
  if (sale.kind === 'sale' && sale.originalSaleId !== null) {
    return { code: 'SALE_WITH_ORIGINAL', message: 'Only a return may point at an original sale.' };
  }
  if (sale.kind === 'return' && sale.originalSaleId === null) {
    return {
      code: 'RETURN_WITHOUT_ORIGINAL',
      message: 'A return must point at the sale it reverses.',
    };
  }
  const lineNos = new Set(sale.lines.map((line) => line.lineNo));
  if (lineNos.size !== sale.lines.length) {
    return { code: 'DUPLICATE_LINE_NO', message: 'Two lines of the bill share a line number.' };
  }
  for (const line of sale.lines) {
    if (line.qtyBase > MAX_PLAUSIBLE_QTY_BASE) return implausibleQty(line.qtyBase);
    const net = BigInt(line.netMinor);
    const taxes = sumExact([
      line.taxableMinor,
      line.cgstMinor,
      line.sgstMinor,
      line.igstMinor,
      line.cessMinor,
    ]);
    if (BigInt(line.grossMinor) - BigInt(line.discountMinor) !== net || taxes !== net) {
      return {
        code: 'LINE_ARITHMETIC',
        message: `Line ${line.lineNo}: gross − discount must equal net, and taxable + taxes must equal net.`,
      };
    }
    const interState = line.igstMinor > 0;
    const intraState = line.cgstMinor > 0 || line.sgstMinor > 0;
    if (
      (sale.supplyType === 'intra' && interState) ||
      (sale.supplyType === 'inter' && intraState)
    ) {
      return {
        code: 'SUPPLY_TYPE_TAX',
        message: `Line ${line.lineNo}: intra-state supply carries CGST+SGST, inter-state IGST only.`,
      };
    }
  }
  for (const field of SALE_TOTAL_FIELDS) {
    if (sumExact(sale.lines.map((line) => line[field])) !== BigInt(sale.totals[field])) {
      return { code: 'TOTALS_MISMATCH', message: `totals.${field} is not the sum of the lines.` };
    }
  }
  const { netMinor, roundOffMinor, totalMinor } = sale.totals;
  if (sumExact([netMinor, roundOffMinor]) !== BigInt(totalMinor)) {
    return {
      code: 'TOTALS_MISMATCH',
      message: 'totals.totalMinor must be netMinor + roundOffMinor.',
    };
  }
  if (sumExact(sale.payments.map((payment) => payment.amountMinor)) !== BigInt(totalMinor)) {
    return { code: 'PAYMENTS_MISMATCH', message: 'The payments do not add up to the bill total.' };
  }
  return null;
}

/** The first business rule a pushed stock movement breaks, or null. */
export function movementRuleBreak(movement: StockMovement, origin: PushOrigin): RuleBreak | null {
  if (movement.storeId !== origin.storeId) {
    return {
      code: 'SCOPE_VIOLATION',
      message: 'The movement names a store this device is not enrolled in.',
    };
  }
  if (movement.kind === 'sale' || movement.kind === 'return' || movement.id.includes(':')) {
    return {
      code: 'DERIVED_MOVEMENT',
      message: 'Sale and return movements are derived by the server from the sale document.',
    };
  }
  if (Math.abs(movement.qtyDeltaBase) > MAX_PLAUSIBLE_QTY_BASE) {
    return implausibleQty(movement.qtyDeltaBase);
  }
  if (movement.reason !== null && !isAdjustmentReason(movement.reason)) {
    return { code: 'UNKNOWN_REASON', message: `"${movement.reason}" is not an adjustment reason.` };
  }
  const problem = validateStockMovement({
    kind: movement.kind,
    qtyDeltaBase: movement.qtyDeltaBase,
    reason: movement.reason,
  });
  return problem === null ? null : { code: problem, message: `The movement breaks ${problem}.` };
}

/** Sums integers exactly: five amounts near 2^53 would already round in a double. */
function sumExact(values: readonly number[]): bigint {
  return values.reduce((total, value) => total + BigInt(value), 0n);
}

function isAdjustmentReason(reason: string): reason is AdjustmentReason {
  return (ADJUSTMENT_REASONS as readonly string[]).includes(reason);
}

function implausibleQty(qtyBase: number): RuleBreak {
  return {
    code: 'QTY_IMPLAUSIBLE',
    message: `A quantity of ${qtyBase} base units is implausible.`,
  };
}
