import { inTransitTotals, type TransferState } from '@kiryana/shared';

/** What of a product is between this store and another: coming in, going out (base units). */
type CounterInTransit = { readonly incomingBase: number; readonly outgoingBase: number };

/**
 * Stock in transit per product as this store's Stock screen shows it: dispatched to this store
 * and not yet arrived (incoming), or dispatched from it and not yet arrived at the other end
 * (outgoing). Neither is on this store's shelf, so neither is part of its on-hand figure.
 * Products with nothing in transit are left out.
 * @example
 * counterInTransit([transfer], 'store-a'); // Map { 'p-1' => { incomingBase: 0, outgoingBase: 24 } }
 */
export function counterInTransit(
  transfers: readonly TransferState[],
  storeId: string,
): Map<string, CounterInTransit> {
  const byProduct = new Map<string, CounterInTransit>();
  for (const total of inTransitTotals(transfers)) {
    const incoming = total.toStoreId === storeId ? total.qtyBase : 0;
    const outgoing = total.fromStoreId === storeId ? total.qtyBase : 0;
    if (incoming === 0 && outgoing === 0) continue;
    const prev = byProduct.get(total.productId) ?? { incomingBase: 0, outgoingBase: 0 };
    byProduct.set(total.productId, {
      incomingBase: prev.incomingBase + incoming,
      outgoingBase: prev.outgoingBase + outgoing,
    });
  }
  return byProduct;
}
