import {
  type AccessTarget,
  type Actor,
  AppError,
  type Clock,
  type ScopeFilter,
  type StoreGstSettings,
  validateGstin,
} from '@kiryana/shared';
import { inActorTransaction } from '../../db/actor-transaction';
import type { Db } from '../../db/db';
import {
  type EnrolmentCodeIssued,
  createEnrolmentCode,
  revokeDevice,
} from '../devices/device.service';
import * as queries from './stores-admin.queries';
import type { StoreAdminListing } from './stores-admin.queries';

/** What the stores-admin services need. */
export type StoresAdminDeps = { readonly db: Db; readonly clock: Clock };

/**
 * A one-time enrolment code for a store, by the store's id, through the device services in one
 * transaction attributed to the manager, so the audit entry the trigger writes names them.
 */
export async function issueEnrolmentCode(
  deps: StoresAdminDeps,
  actor: Actor,
  storeId: string,
): Promise<EnrolmentCodeIssued> {
  const code = await queries.storeCodeOf(deps.db, storeId);
  if (!code) throw new AppError('NOT_FOUND', 'No such store.');
  return inActorTransaction(deps.db, actor, (db) =>
    createEnrolmentCode({ db, clock: deps.clock }, code),
  );
}

/** Revokes a terminal through the device services, attributed to the manager in the audit log. */
export function revokeTerminal(
  deps: StoresAdminDeps,
  actor: Actor,
  deviceId: string,
): Promise<{ deviceId: string; revokedAt: string }> {
  return inActorTransaction(deps.db, actor, (db) =>
    revokeDevice({ db, clock: deps.clock }, deviceId),
  );
}

/** The regions the reader reaches. */
export function regionsInScope(
  deps: StoresAdminDeps,
  filter: ScopeFilter,
): ReturnType<typeof queries.regionsInScope> {
  return queries.regionsInScope(deps.db, filter);
}

/** The stores the reader reaches, with their active terminal counts. */
export function storesInScope(
  deps: StoresAdminDeps,
  filter: ScopeFilter,
): ReturnType<typeof queries.storesInScope> {
  return queries.storesInScope(deps.db, filter);
}

/** What revoking a device touches: its store (and region), for the permission check. */
export function deviceTarget(deps: StoresAdminDeps, deviceId: string): Promise<AccessTarget> {
  return queries.deviceTarget(deps.db, deviceId);
}

/**
 * Sets a store's GST registration (issue 19): its GSTIN, checked with its check character and
 * required to start with the store's state code (a GSTIN is a registration in one state), the
 * legal name invoices print, the composition scheme and e-invoicing. Attributed to the person in
 * the audit log; the store's terminals pull the change (store document version 2).
 */
export async function setStoreGst(
  deps: StoresAdminDeps,
  actor: Actor,
  storeId: string,
  body: StoreGstSettings,
): Promise<StoreAdminListing> {
  const check = validateGstin(body.gstin);
  if (!check.ok) {
    throw new AppError(
      check.problem === 'UNKNOWN_STATE' ? 'STATE_CODE_UNKNOWN' : 'GSTIN_INVALID',
      check.message,
      { fields: [{ path: 'gstin', message: check.message }] },
    );
  }
  const store = await queries.storeListing(deps.db, storeId);
  if (!store) throw new AppError('NOT_FOUND', 'No such store.');
  if (check.stateCode !== store.stateCode) {
    const message = `The GSTIN is registered in state ${check.stateCode}; this store is in state ${store.stateCode}.`;
    throw new AppError('GSTIN_INVALID', message, { fields: [{ path: 'gstin', message }] });
  }
  return inActorTransaction(deps.db, actor, async (db) => {
    await queries.updateStoreGst(
      db,
      storeId,
      { ...body, gstin: check.gstin },
      new Date(deps.clock.now()),
    );
    const updated = await queries.storeListing(db, storeId);
    if (!updated) throw new AppError('NOT_FOUND', 'No such store.');
    return updated;
  });
}
