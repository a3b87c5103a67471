import { businessDate } from '@kiryana/shared';
import {
  type BillContext,
  type CartState,
  type Catalogue,
  type CatalogueProduct,
  EMPTY_CART,
  cartReducer,
  lineForProduct,
  previewBill,
} from '@kiryana/terminal/headless';
import { type Random, pick, randomInt } from './random';

/**
 * A customer at the counter, made the way the billing screen makes a bill: products priced by the
 * terminal's own `lineForProduct` (price in force, GST on the bill's date, MRP ceiling), lines
 * added with the cart reducer, and the exact payable paid in cash (the screen's one-key
 * completion). Money is never computed here.
 */

/** The bill settings of the simulated stores (intra-state, INR, no credit). */
export const SIM_BILL_CONTEXT: BillContext = {
  currency: 'INR',
  allowCredit: false,
};

/** Where the terminal stands: its store and region, for prices. */
export type CounterPlace = { readonly storeId: string; readonly regionId: string };

/**
 * A ready-to-complete cart of 1–5 lines, or undefined when none of the drawn products can be sold
 * (no price in this region, say); the caller simply draws again.
 */
export function makeCart(
  random: Random,
  catalogue: Catalogue,
  products: readonly CatalogueProduct[],
  place: CounterPlace,
  nowMs: number,
): CartState | undefined {
  const at = { ...place, date: businessDate(new Date(nowMs)) };
  let cart = EMPTY_CART;
  const lines = randomInt(random, 1, 5);
  for (let i = 0; i < lines; i++) {
    const product = pick(random, products);
    // Loose goods are weighed (250 g – 2 kg); packaged goods come in ones, twos and threes.
    const qtyBase =
      product.soldLoose && product.unit !== 'piece'
        ? randomInt(random, 250, 2000)
        : randomInt(random, 1, 3);
    const line = lineForProduct(catalogue, product, qtyBase, at);
    if (!line.ok) continue;
    cart = cartReducer(cart, { type: 'add', line: { ...line.line, key: `l${String(i)}` } });
  }
  if (cart.lines.length === 0) return undefined;
  const preview = previewBill(cart, SIM_BILL_CONTEXT);
  if (preview.kind === 'ready') return cart;
  if (preview.kind !== 'due') return undefined;
  return cartReducer(cart, {
    type: 'addPayment',
    payment: { method: 'cash', amountMinor: preview.payableMinor },
  });
}
