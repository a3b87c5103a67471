import type { BaseUnit, PaymentInput, SaleBuyer } from '@kiryana/shared';

/**
 * The bill being rung up, as a pure reducer: the screen dispatches actions, the reducer never
 * computes money (that is `computeBill`'s job, see bill-preview.ts), it only keeps what was entered.
 */

/** A line of the cart: the product as it was priced when added, and the quantity in base units. */
export type CartLine = {
  /** Unique within the cart; made by the caller so the reducer stays pure. */
  readonly key: string;
  readonly productId: string;
  readonly nameEn: string;
  readonly nameHi: string;
  readonly hsn: string;
  readonly unit: BaseUnit;
  readonly soldLoose: boolean;
  readonly priceBasisQty: number;
  readonly unitPriceMinor: number;
  readonly mrpMinor: number;
  readonly gstRateBp: number;
  readonly cessRateBp: number;
  /** Specific (per-unit) cess of the rate in force: minor units per `cessSpecificPerQty` base units. */
  readonly cessSpecificMinor?: number | null;
  readonly cessSpecificPerQty?: number | null;
  readonly qtyBase: number;
};

/** The whole cart. */
export type CartState = {
  readonly lines: readonly CartLine[];
  readonly selectedKey: string | null;
  readonly billDiscountMinor: number;
  readonly payments: readonly PaymentInput[];
  readonly customerId: string | null;
  /**
   * The buyer of a B2B (or addressed B2C) bill, or null for a walk-in; with the store's state it
   * decides the place of supply. Optional: a bill held before buyers existed has none.
   */
  readonly buyer?: SaleBuyer | null;
};

/** What the billing screen can do to the cart. */
export type CartAction =
  /** Add a line; a packaged product already in the cart gets its quantity increased instead. */
  | { readonly type: 'add'; readonly line: CartLine }
  | { readonly type: 'setQty'; readonly key: string; readonly qtyBase: number }
  | { readonly type: 'void'; readonly key: string }
  | { readonly type: 'select'; readonly key: string }
  | { readonly type: 'selectNext' }
  | { readonly type: 'selectPrevious' }
  | { readonly type: 'setBillDiscount'; readonly amountMinor: number }
  | { readonly type: 'addPayment'; readonly payment: PaymentInput }
  | { readonly type: 'removePayment'; readonly index: number }
  | { readonly type: 'setCustomer'; readonly customerId: string | null }
  | { readonly type: 'setBuyer'; readonly buyer: SaleBuyer | null }
  | { readonly type: 'restore'; readonly cart: CartState }
  /**
   * The bill of these lines was completed or parked: they leave the cart. Whatever was scanned
   * while the bill was being written stays, as the start of the next bill.
   */
  | { readonly type: 'closed'; readonly lines: readonly CartLine[] }
  | { readonly type: 'clear' };

/** An empty cart. */
export const EMPTY_CART: CartState = {
  lines: [],
  selectedKey: null,
  billDiscountMinor: 0,
  payments: [],
  customerId: null,
  buyer: null,
};

function mergeTarget(lines: readonly CartLine[], line: CartLine): CartLine | undefined {
  // Weighed goods stay one line per weighing, as the scale label was printed.
  if (line.soldLoose) return undefined;
  return lines.find(
    (existing) =>
      existing.productId === line.productId &&
      existing.unitPriceMinor === line.unitPriceMinor &&
      !existing.soldLoose,
  );
}

function moveSelection(state: CartState, step: 1 | -1): CartState {
  if (state.lines.length === 0) return state;
  const index = state.lines.findIndex((line) => line.key === state.selectedKey);
  const next =
    index === -1
      ? step === 1
        ? 0
        : state.lines.length - 1
      : Math.min(state.lines.length - 1, Math.max(0, index + step));
  return { ...state, selectedKey: state.lines[next]?.key ?? null };
}

/**
 * The cart reducer. Quantities must be positive whole base units; a change that would make one
 * zero or negative is ignored (void the line instead). Changing lines clears entered payments,
 * because they were entered against the old total.
 * @example
 * cartReducer(EMPTY_CART, { type: 'add', line }).lines.length; // 1
 */
export function cartReducer(state: CartState, action: CartAction): CartState {
  switch (action.type) {
    case 'add': {
      const target = mergeTarget(state.lines, action.line);
      if (target === undefined) {
        return {
          ...state,
          lines: [...state.lines, action.line],
          selectedKey: action.line.key,
          payments: [],
        };
      }
      return {
        ...state,
        lines: state.lines.map((line) =>
          line === target ? { ...line, qtyBase: line.qtyBase + action.line.qtyBase } : line,
        ),
        selectedKey: target.key,
        payments: [],
      };
    }
    case 'setQty': {
      if (!Number.isSafeInteger(action.qtyBase) || action.qtyBase <= 0) return state;
      if (!state.lines.some((line) => line.key === action.key)) return state;
      return {
        ...state,
        lines: state.lines.map((line) =>
          line.key === action.key ? { ...line, qtyBase: action.qtyBase } : line,
        ),
        payments: [],
      };
    }
    case 'void': {
      const index = state.lines.findIndex((line) => line.key === action.key);
      if (index === -1) return state;
      const lines = state.lines.filter((line) => line.key !== action.key);
      const neighbour = lines[Math.min(index, lines.length - 1)];
      return {
        ...state,
        lines,
        selectedKey: neighbour?.key ?? null,
        payments: [],
        billDiscountMinor: lines.length === 0 ? 0 : state.billDiscountMinor,
      };
    }
    case 'select':
      return state.lines.some((line) => line.key === action.key)
        ? { ...state, selectedKey: action.key }
        : state;
    case 'selectNext':
      return moveSelection(state, 1);
    case 'selectPrevious':
      return moveSelection(state, -1);
    case 'setBillDiscount':
      if (!Number.isSafeInteger(action.amountMinor) || action.amountMinor < 0) return state;
      return { ...state, billDiscountMinor: action.amountMinor, payments: [] };
    case 'addPayment':
      return { ...state, payments: [...state.payments, action.payment] };
    case 'removePayment':
      return { ...state, payments: state.payments.filter((_, index) => index !== action.index) };
    case 'setCustomer':
      return { ...state, customerId: action.customerId };
    case 'setBuyer':
      // The total does not change with the place of supply (prices include GST), so payments stay.
      return { ...state, buyer: action.buyer };
    case 'restore':
      return action.cart;
    case 'closed': {
      const closedQty = new Map(action.lines.map((line) => [line.key, line.qtyBase]));
      const lines = state.lines.flatMap((line) => {
        const qtyBase = closedQty.get(line.key);
        if (qtyBase === undefined) return [line];
        // A scan merged into the line while the bill was written is that much more, unbilled.
        return line.qtyBase > qtyBase ? [{ ...line, qtyBase: line.qtyBase - qtyBase }] : [];
      });
      return lines.length === 0
        ? EMPTY_CART
        : { ...EMPTY_CART, lines, selectedKey: lines.at(-1)?.key ?? null };
    }
    case 'clear':
      return EMPTY_CART;
  }
}
