import {
  type AccessTarget,
  type Actor,
  AppError,
  type Clock,
  type ScopeFilter,
} from '@kiryana/shared';
import { inActorTransaction } from '../../db/actor-transaction';
import type { Db } from '../../db/db';
import {
  type EnrolmentCodeIssued,
  createEnrolmentCode,
  revokeDevice,
} from '../devices/device.service';
import * as queries from './stores-admin.queries';

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
