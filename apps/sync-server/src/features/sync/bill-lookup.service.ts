import { AppError, type BillLookupQuery, type BillLookupResponse } from '@kiryana/shared';
import type { DevicePrincipal } from '../../auth/principal';
import type { Queryable } from '../../db/db';
import { findBillWithReturns } from './bill-lookup.queries';

/**
 * A bill of the device's own store with its returns; NOT_FOUND when the store has no such sale
 * (another store's bill included: its existence is not revealed).
 */
export async function lookupBill(
  deps: { readonly db: Queryable },
  device: DevicePrincipal,
  query: BillLookupQuery,
): Promise<BillLookupResponse> {
  const found = await findBillWithReturns(deps.db, device.storeId, query);
  if (found === undefined) throw new AppError('NOT_FOUND', 'This store has no such bill.');
  return found;
}
