import {
  type AccessTarget,
  type Actor,
  AppError,
  type Clock,
  type ScopeFilter,
  type StoreCreateInput,
  type StoreGstSettings,
  gstStateByCode,
  validateGstin,
} from '@kiryana/shared';
import { assertCan } from '../../auth/assert-can';
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
  const store = await queries.storeListing(deps.db, storeId);
  if (!store) throw new AppError('NOT_FOUND', 'No such store.');
  const gstin = checkedGstin(body.gstin, store.stateCode);
  return inActorTransaction(deps.db, actor, async (db) => {
    await queries.updateStoreGst(db, storeId, { ...body, gstin }, new Date(deps.clock.now()));
    const updated = await queries.storeListing(db, storeId);
    if (!updated) throw new AppError('NOT_FOUND', 'No such store.');
    return updated;
  });
}

/**
 * Opens a store (issue 19: with its GST registration): stores:write in its region. The state code
 * must be a GST state (STATE_CODE_UNKNOWN) and the GSTIN a valid one of that state; a code already
 * taken is a CONFLICT. The store's id is `st-` and its code in lowercase, as the demo chain's. The
 * insert creates its sync scope (trigger) and is audited like every store change.
 */
export async function createStore(
  deps: StoresAdminDeps,
  actor: Actor,
  body: StoreCreateInput,
): Promise<StoreAdminListing> {
  assertCan(actor, 'stores:write', { regionId: body.regionId });
  if (gstStateByCode(body.stateCode) === null) {
    const message = `No state has GST code ${body.stateCode}.`;
    throw new AppError('STATE_CODE_UNKNOWN', message, {
      fields: [{ path: 'stateCode', message }],
    });
  }
  const gstin = checkedGstin(body.gstin, body.stateCode);
  const id = `st-${body.code.toLowerCase()}`;
  return inActorTransaction(deps.db, actor, async (db) => {
    if (!(await queries.regionExists(db, body.regionId))) {
      throw new AppError('NOT_FOUND', 'No such region.');
    }
    const inserted = await queries.insertStore(db, id, { ...body, gstin });
    if (!inserted) throw new AppError('CONFLICT', `A store with code ${body.code} exists.`);
    const created = await queries.storeListing(db, id);
    if (!created) throw new AppError('NOT_FOUND', 'No such store.');
    return created;
  });
}

/**
 * A GSTIN in canonical form, refused unless its shape, state and check character hold and it is a
 * registration in `stateCode` (a store's GSTIN is its state's registration).
 */
function checkedGstin(input: string, stateCode: string): string {
  const check = validateGstin(input);
  if (!check.ok) {
    throw new AppError(
      check.problem === 'UNKNOWN_STATE' ? 'STATE_CODE_UNKNOWN' : 'GSTIN_INVALID',
      check.message,
      { fields: [{ path: 'gstin', message: check.message }] },
    );
  }
  if (check.stateCode !== stateCode) {
    const message = `The GSTIN is registered in state ${check.stateCode}; this store is in state ${stateCode}.`;
    throw new AppError('GSTIN_INVALID', message, { fields: [{ path: 'gstin', message }] });
  }
  return check.gstin;
}
