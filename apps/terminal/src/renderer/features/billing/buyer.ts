import {
  gstStateByCode,
  validateGstin,
  type GstinProblem,
  type Sale,
  type SaleBuyer,
} from '@kiryana/shared';

/**
 * The buyer of a B2B bill as the cashier types it: the GSTIN is checked as it is typed (shape,
 * state code, check character), its first two digits are the buyer's state, and a buyer is only
 * put on the bill when every field is right. Pure: the dialog (buyer-dialog.tsx) draws from it.
 */

/** What the buyer form holds, as typed. */
export type BuyerForm = {
  readonly gstin: string;
  readonly name: string;
  readonly stateCode: string;
  readonly address: string;
};

/** An empty form. */
export const EMPTY_BUYER_FORM: BuyerForm = { gstin: '', name: '', stateCode: '', address: '' };

/** What the GSTIN field says while it is typed. */
type GstinFieldState =
  /** Nothing typed: an unregistered buyer. */
  | { readonly kind: 'empty' }
  /** Fewer than 15 characters so far, none of them wrong yet. */
  | { readonly kind: 'typing'; readonly typed: number }
  /** A wrong GSTIN, and why (the i18n key is `buyer.gstinProblem.<problem>`). */
  | { readonly kind: 'invalid'; readonly problem: GstinProblem; readonly stateCode: string }
  /** A valid GSTIN, normalised (capitals, no spaces), of `stateCode`. */
  | { readonly kind: 'valid'; readonly gstin: string; readonly stateCode: string };

/** What each of a GSTIN's 15 positions may hold (state code, PAN, entity code, Z, check). */
const POSITIONS = [
  ...Array<RegExp>(2).fill(/[0-9]/),
  ...Array<RegExp>(5).fill(/[A-Z]/),
  ...Array<RegExp>(4).fill(/[0-9]/),
  /[A-Z]/,
  /[1-9A-Z]/,
  /Z/,
  /[0-9A-Z]/,
];

/** Whether every character typed so far can begin a GSTIN. */
function isGstinPrefix(text: string): boolean {
  return Array.from(text).every((char, index) => POSITIONS[index]?.test(char) === true);
}

/**
 * The GSTIN field's state for what has been typed so far: a wrong character is named as soon as
 * it is typed (a letter where the state code's digits go, a state code no state has), the check
 * character once all 15 are there.
 * @example
 * gstinFieldState('33AAB');            // { kind: 'typing', typed: 5 }
 * gstinFieldState('99');               // { kind: 'invalid', problem: 'UNKNOWN_STATE', … }
 * gstinFieldState('27AAPFU0939F1ZA');  // { kind: 'invalid', problem: 'BAD_CHECK_CHARACTER', … }
 */
export function gstinFieldState(typed: string): GstinFieldState {
  const text = typed.trim().toUpperCase();
  if (text === '') return { kind: 'empty' };
  const stateCode = text.slice(0, 2);
  if (/^[0-9]{2}/.test(text) && gstStateByCode(stateCode) === null)
    return { kind: 'invalid', problem: 'UNKNOWN_STATE', stateCode };
  if (text.length < 15) {
    return isGstinPrefix(text)
      ? { kind: 'typing', typed: text.length }
      : { kind: 'invalid', problem: 'BAD_SHAPE', stateCode };
  }
  const check = validateGstin(text);
  return check.ok
    ? { kind: 'valid', gstin: check.gstin, stateCode: check.stateCode }
    : { kind: 'invalid', problem: check.problem, stateCode };
}

/** A field of the form that is wrong, and the i18n key that says why. */
export type BuyerFormProblem = {
  readonly field: 'gstin' | 'name' | 'stateCode';
  readonly key: string;
};

/** The outcome of reading the form. */
type BuyerFormResult =
  | { readonly ok: true; readonly buyer: SaleBuyer }
  | { readonly ok: false; readonly problems: readonly BuyerFormProblem[] };

/**
 * The buyer the form describes, or every field that is wrong. A registered buyer's state is its
 * GSTIN's (whatever the picker says); an unregistered buyer needs a state from the list.
 * @example
 * buyerOf({ gstin: '33aabct1332l1zz', name: 'Hotel Saravana', stateCode: '', address: '' });
 * // { ok: true, buyer: { gstin: '33AABCT1332L1ZZ', stateCode: '33', … } } when the GSTIN is valid
 */
export function buyerOf(form: BuyerForm): BuyerFormResult {
  const problems: BuyerFormProblem[] = [];
  const gstin = gstinFieldState(form.gstin);
  if (gstin.kind === 'typing')
    problems.push({ field: 'gstin', key: 'buyer.gstinProblem.BAD_SHAPE' });
  if (gstin.kind === 'invalid')
    problems.push({ field: 'gstin', key: `buyer.gstinProblem.${gstin.problem}` });
  const name = form.name.trim();
  if (name === '') problems.push({ field: 'name', key: 'buyer.nameRequired' });
  const stateCode = gstin.kind === 'valid' ? gstin.stateCode : form.stateCode;
  if (gstin.kind === 'empty' && gstStateByCode(stateCode) === null)
    problems.push({ field: 'stateCode', key: 'buyer.stateRequired' });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    buyer: {
      gstin: gstin.kind === 'valid' ? gstin.gstin : null,
      name: name.slice(0, 200),
      stateCode,
      address: form.address.trim().slice(0, 500),
    },
  };
}

/** The form of a buyer already on the bill (to change it). */
export function formOf(buyer: SaleBuyer): BuyerForm {
  return {
    gstin: buyer.gstin ?? '',
    name: buyer.name,
    stateCode: buyer.stateCode,
    address: buyer.address,
  };
}

/**
 * The distinct buyers of earlier B2B (and addressed) bills, newest first: a registered buyer once
 * per GSTIN, an unregistered one once per name and state. There is no customer master yet, so the
 * store's own bills are where a returning buyer is found.
 * @example
 * knownBuyersOf(recentSalesNewestFirst).map((buyer) => buyer.gstin); // ['33AABCT1332L1ZZ', …]
 */
export function knownBuyersOf(sales: readonly Pick<Sale, 'kind' | 'buyer'>[]): SaleBuyer[] {
  const seen = new Set<string>();
  const buyers: SaleBuyer[] = [];
  for (const sale of sales) {
    const buyer = sale.buyer;
    if (sale.kind !== 'sale' || buyer == null) continue;
    const key = buyer.gstin ?? `${buyer.name.toLowerCase()}|${buyer.stateCode}`;
    if (seen.has(key)) continue;
    seen.add(key);
    buyers.push(buyer);
  }
  return buyers;
}

/**
 * The known buyer a typed GSTIN or name picks from the list, if it names exactly one.
 * @example
 * pickKnownBuyer(buyers, '33AABCT1332L1ZZ')?.name; // 'Hotel Saravana'
 */
export function pickKnownBuyer(buyers: readonly SaleBuyer[], typed: string): SaleBuyer | undefined {
  const text = typed.trim().toUpperCase();
  if (text === '') return undefined;
  return (
    buyers.find((buyer) => buyer.gstin === text) ??
    buyers.find((buyer) => buyer.name.toUpperCase() === text)
  );
}
