import { orderUnitsToBase, parseMinorUnits } from '@kiryana/shared';

/** A PO line as typed: text fields until the order is sent. */
export type PoLineDraft = {
  productId: string;
  label: string;
  orderUnitName: string;
  pack: string;
  packs: string;
  cost: string;
};

/** A PO line as the API takes it (`purchaseOrderLineInputSchema`). */
export type PoLineInput = {
  productId: string;
  orderUnitName: string;
  baseUnitsPerOrderUnit: number;
  orderedQtyOrderUnits: number;
  costMinorPerOrderUnit: number;
};

const positive = (text: string): number | null => {
  const n = Number(text);
  return text.trim() !== '' && Number.isSafeInteger(n) && n >= 1 ? n : null;
};

/**
 * A typed line as API input, or null when a field is not a valid count or amount. The base
 * quantity goes through `orderUnitsToBase`, so a line too large for integer base units is refused
 * here as on the server.
 * @example
 * lineInput({ productId: 'p', label: '', orderUnitName: 'case', pack: '24', packs: '5', cost: '240.00' });
 * // { productId: 'p', orderUnitName: 'case', baseUnitsPerOrderUnit: 24, orderedQtyOrderUnits: 5, costMinorPerOrderUnit: 24000 }
 */
export function lineInput(line: PoLineDraft): PoLineInput | null {
  const pack = positive(line.pack);
  const packs = positive(line.packs);
  if (pack === null || packs === null || line.orderUnitName.trim() === '') return null;
  let cost: number;
  try {
    cost = parseMinorUnits(line.cost);
    orderUnitsToBase(packs, pack);
  } catch {
    return null;
  }
  if (cost < 0) return null;
  return {
    productId: line.productId,
    orderUnitName: line.orderUnitName.trim(),
    baseUnitsPerOrderUnit: pack,
    orderedQtyOrderUnits: packs,
    costMinorPerOrderUnit: cost,
  };
}

/**
 * The value of a line in minor units (packs × cost per pack), 0 while it does not parse. Integer
 * arithmetic; beyond 2^53 the value is unsafe and shown as 0 rather than rounded.
 */
export function lineValueMinor(line: PoLineDraft): number {
  const input = lineInput(line);
  if (!input) return 0;
  const value = input.orderedQtyOrderUnits * input.costMinorPerOrderUnit;
  return Number.isSafeInteger(value) ? value : 0;
}
