import { type SupplyType } from './inclusive-tax';

/**
 * Place of supply of goods sold over the counter (Section 10(1) of the IGST Act): where the goods
 * are delivered. A walk-in buyer takes them at the store, so the place of supply is the store's
 * state. A registered buyer whose state differs is billed at its state when the goods go there
 * (the counter records it by the buyer's state code, as portals and accountants expect); an
 * unregistered buyer with a recorded address in another state likewise. The supply is inter-state
 * (IGST) exactly when the place of supply is not the supplier's state (Section 7(1)); otherwise
 * intra-state (CGST + SGST).
 */
export type PlaceOfSupply = {
  /** Two-digit state code of the place of supply. */
  readonly stateCode: string;
  readonly supplyType: SupplyType;
};

/**
 * @example
 * placeOfSupply('29', null);                   // { stateCode: '29', supplyType: 'intra' }
 * placeOfSupply('29', { stateCode: '33' });    // { stateCode: '33', supplyType: 'inter' }
 */
export function placeOfSupply(
  storeStateCode: string,
  buyer: { readonly stateCode: string } | null | undefined,
): PlaceOfSupply {
  const stateCode = buyer?.stateCode ?? storeStateCode;
  return { stateCode, supplyType: stateCode === storeStateCode ? 'intra' : 'inter' };
}

/**
 * Invoice value above which an inter-state supply to an unregistered buyer is a "B2C large"
 * invoice, reported invoice by invoice in GSTR-1 table 5 (B2CL): ₹1,00,000 from 1 Aug 2024
 * (Rule 59(4)(a)(ii) as amended by Notification 12/2024-Central Tax, 10 July 2024; ₹2,50,000
 * before). In paise; the test is "more than".
 */
export const B2CL_THRESHOLD_MINOR = 1_00_000_00;

/** Whether a sale is a B2C large invoice: inter-state, no buyer GSTIN, value above the threshold. */
export function isB2cLarge(sale: {
  readonly supplyType: SupplyType;
  readonly buyer?: { readonly gstin: string | null } | null;
  readonly totals: { readonly totalMinor: number };
}): boolean {
  return (
    sale.supplyType === 'inter' &&
    (sale.buyer?.gstin ?? null) === null &&
    sale.totals.totalMinor > B2CL_THRESHOLD_MINOR
  );
}
