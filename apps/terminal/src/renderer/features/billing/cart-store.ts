import { cartReducer, EMPTY_CART, type CartAction, type CartState } from './cart';
import type { ScanLane } from './scan-lane';

/**
 * The cart outside React: the screen renders it (useSyncExternalStore), and ending a bill reads
 * it after the scans still resolving have reached it, which React state read from a closure
 * cannot give.
 */
export type CartStore = {
  get: () => CartState;
  dispatch: (action: CartAction) => void;
  subscribe: (listener: () => void) => () => void;
};

/** A store holding an empty cart. */
export function createCartStore(): CartStore {
  let state = EMPTY_CART;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    dispatch(action) {
      const next = cartReducer(state, action);
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/**
 * Ends the bill (completes or parks it through `write`) with every item scanned before the key,
 * even one still being looked up while the catalogue loads; lines scanned while `write` runs stay
 * for the next bill. Undefined when the cart is empty.
 */
export async function closeBill<R extends { readonly ok: boolean }>(
  lane: Pick<ScanLane, 'settled'>,
  store: CartStore,
  write: (cart: CartState) => Promise<R>,
): Promise<R | undefined> {
  await lane.settled();
  const cart = store.get();
  if (cart.lines.length === 0) return undefined;
  const result = await write(cart);
  if (result.ok) store.dispatch({ type: 'closed', lines: cart.lines });
  return result;
}
