import type { Observable } from 'rxjs';
import type { TerminalDatabase } from '../../db/database';
import { readLocal, watchLocal, writeLocal } from '../../db/local-state';
import type { CartState } from './cart';

/**
 * Bills put on hold while the customer fetches one more thing: kept as a local document (never
 * replicated; a parked bill is not a sale), recalled into the cart by id.
 */

/** A held bill. */
export type ParkedBill = {
  readonly id: string;
  readonly parkedAt: string;
  readonly cart: CartState;
};

function parseParked(data: unknown): ParkedBill[] | undefined {
  if (!Array.isArray(data)) return undefined;
  return data.filter(
    (item): item is ParkedBill =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as ParkedBill).id === 'string' &&
      Array.isArray((item as ParkedBill).cart.lines),
  );
}

/** The held bills, oldest first. */
export function watchParkedBills(db: TerminalDatabase): Observable<ParkedBill[] | undefined> {
  return watchLocal(db, 'parked-bills', parseParked);
}

/** Holds a cart. */
export async function parkBill(db: TerminalDatabase, bill: ParkedBill): Promise<void> {
  const current = (await readLocal(db, 'parked-bills', parseParked)) ?? [];
  await writeLocal(db, 'parked-bills', [...current, bill]);
}

/** Takes a held bill out of the list and returns its cart. */
export async function recallBill(db: TerminalDatabase, id: string): Promise<CartState | undefined> {
  const current = (await readLocal(db, 'parked-bills', parseParked)) ?? [];
  const bill = current.find((item) => item.id === id);
  if (bill === undefined) return undefined;
  await writeLocal(
    db,
    'parked-bills',
    current.filter((item) => item.id !== id),
  );
  return bill.cart;
}
