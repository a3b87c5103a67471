import {
  type AccessTarget,
  type Actor,
  AppError,
  type Clock,
  type Permission,
  type ScopeFilter,
  type TransferDetail,
  type TransferFact,
  type TransferState,
  type TransferSummary,
  can,
  inTransitByProduct,
  lineInTransit,
} from '@kiryana/shared';
import type { Db, Queryable } from '../../db/db';
import { appendAudit } from '../../db/audit-append';
import { auditActorOf } from '../../db/audit-actor';
import { forbidden } from '../../auth/assert-can';
import { applyTransferStep, findTransfer } from '../workflow/workflow.service';
import * as queries from './transfer-admin.queries';
import { productNames } from '../../db/product-names.queries';
import { decodeWorkflowCursor, encodeWorkflowCursor } from '../../http/workflow-cursor';

/** What the transfer admin services need. */
export type TransferAdminDeps = { readonly db: Db; readonly clock: Clock };

type Stores = Awaited<ReturnType<typeof queries.storesOf>>;

const PAGE = 50;

/** A page of the transfers board: the transfers whose source or destination the reader reaches. */
export async function transfersInReach(
  deps: TransferAdminDeps,
  filter: ScopeFilter,
  input: {
    storeId: string | null;
    regionId: string | null;
    status: string | null;
    cursor: string | undefined;
  },
): Promise<{ transfers: TransferSummary[]; next: string | null }> {
  const rows = await queries.listTransfers(deps.db, filter, {
    ...input,
    after: decodeWorkflowCursor(input.cursor),
    limit: PAGE,
  });
  const last = rows.at(-1);
  return {
    transfers: rows.map((r) => ({
      transferId: r.transfer.transferId,
      fromStoreId: r.transfer.fromStoreId,
      fromStoreCode: r.fromStoreCode,
      toStoreId: r.transfer.toStoreId,
      toStoreCode: r.toStoreCode,
      status: r.transfer.status,
      requestedAt: r.transfer.requested.at,
      updatedAt: r.updatedAt,
      lineCount: r.transfer.lines.length,
      inTransitQtyBase: r.transfer.lines.reduce((sum, l) => sum + lineInTransit(l), 0),
    })),
    next:
      rows.length === PAGE && last
        ? encodeWorkflowCursor({ updatedAt: last.updatedAt, id: last.transfer.transferId })
        : null,
  };
}

/** One transfer the reader is party to (through either store); NOT_FOUND otherwise. */
export async function transferOf(
  deps: TransferAdminDeps,
  actor: Actor,
  transferId: string,
): Promise<TransferDetail> {
  const state = await readable(deps.db, actor, transferId);
  return detailOf(deps.db, state);
}

/**
 * Requests a transfer on behalf of a person: `transfers:create` at either store (the one asking
 * for stock or the one offering it). Stores and products must exist; a retried request with the
 * same `factId` answers the transfer as it stands.
 */
export async function requestTransfer(
  deps: TransferAdminDeps,
  actor: Actor,
  body: Omit<Extract<TransferFact, { type: 'request' }>, 'type' | 'actorId' | 'at'>,
): Promise<TransferDetail> {
  return deps.db.transaction(async (tx) => {
    const stores = await queries.storesOf(tx, [body.fromStoreId, body.toStoreId]);
    const from = targetOf(stores, body.fromStoreId);
    const to = targetOf(stores, body.toStoreId);
    if (!can(actor, 'transfers:create', from) && !can(actor, 'transfers:create', to))
      throw forbidden('transfers:create');
    if (!stores.has(body.fromStoreId)) invalid('fromStoreId', 'unknown store');
    if (!stores.has(body.toStoreId)) invalid('toStoreId', 'unknown store');
    if (body.fromStoreId === body.toStoreId) invalid('toStoreId', 'the same store as the source');
    await assertLiveProducts(
      tx,
      body.lines.map((l) => l.productId),
    );
    const state = await apply(deps, tx, actor, { ...body, type: 'request' });
    return detailOf(tx, state);
  });
}

/**
 * Approves (optionally cutting lines): `transfers:approve` over both stores, so a regional manager
 * approves within its region and only HQ across regions.
 */
export function approveTransfer(
  deps: TransferAdminDeps,
  actor: Actor,
  transferId: string,
  body: Omit<Extract<TransferFact, { type: 'approve' }>, 'type' | 'actorId' | 'at' | 'transferId'>,
): Promise<TransferDetail> {
  return step(deps, actor, transferId, { ...body, type: 'approve', transferId }, (t, s) => {
    needBoth(actor, 'transfers:approve', t, s);
  });
}

/** Resolves a discrepancy: `transfers:resolve` at the destination, which counted the shortage. */
export function resolveTransfer(
  deps: TransferAdminDeps,
  actor: Actor,
  transferId: string,
  body: Omit<Extract<TransferFact, { type: 'resolve' }>, 'type' | 'actorId' | 'at' | 'transferId'>,
): Promise<TransferDetail> {
  return step(deps, actor, transferId, { ...body, type: 'resolve', transferId }, (t, s) => {
    if (!can(actor, 'transfers:resolve', targetOf(s, t.toStoreId)))
      throw forbidden('transfers:resolve');
  });
}

/**
 * Cancels (or cancels the undispatched rest): whoever may request it at either store, or approve
 * it over both.
 */
export function cancelTransfer(
  deps: TransferAdminDeps,
  actor: Actor,
  transferId: string,
  body: Omit<Extract<TransferFact, { type: 'cancel' }>, 'type' | 'actorId' | 'at' | 'transferId'>,
): Promise<TransferDetail> {
  return step(deps, actor, transferId, { ...body, type: 'cancel', transferId }, (t, s) => {
    const from = targetOf(s, t.fromStoreId);
    const to = targetOf(s, t.toStoreId);
    if (can(actor, 'transfers:create', from) || can(actor, 'transfers:create', to)) return;
    needBoth(actor, 'transfers:approve', t, s);
  });
}

/** Stock on the road to and from a store, per open transfer and product. */
export async function inTransitOfStore(
  deps: TransferAdminDeps,
  storeId: string,
): Promise<{
  storeId: string;
  rows: {
    transferId: string;
    productId: string;
    fromStoreId: string;
    toStoreId: string;
    direction: 'incoming' | 'outgoing';
    qtyBase: number;
  }[];
}> {
  const transfers = await queries.openTransfersOfStore(deps.db, storeId);
  return {
    storeId,
    rows: transfers.flatMap((t) =>
      [...inTransitByProduct(t)]
        .filter(([, qty]) => qty > 0)
        .map(([productId, qtyBase]) => ({
          transferId: t.transferId,
          productId,
          fromStoreId: t.fromStoreId,
          toStoreId: t.toStoreId,
          direction: t.toStoreId === storeId ? ('incoming' as const) : ('outgoing' as const),
          qtyBase,
        })),
    ),
  };
}

/** A step without what the server fills in, per step type (distributes over a union). */
type StepOf<T extends TransferFact['type']> = T extends TransferFact['type']
  ? Omit<Extract<TransferFact, { type: T }>, 'actorId' | 'at'>
  : never;

async function step(
  deps: TransferAdminDeps,
  actor: Actor,
  transferId: string,
  fact: StepOf<'approve'> | StepOf<'resolve'> | StepOf<'cancel'>,
  authorise: (transfer: TransferState, stores: Stores) => void,
): Promise<TransferDetail> {
  return deps.db.transaction(async (tx) => {
    const current = await readable(tx, actor, transferId);
    authorise(current, await queries.storesOf(tx, [current.fromStoreId, current.toStoreId]));
    const state = await apply(deps, tx, actor, fact);
    return detailOf(tx, state);
  });
}

async function apply(
  deps: TransferAdminDeps,
  tx: Queryable,
  actor: Actor,
  fact: StepOf<TransferFact['type']>,
): Promise<TransferState> {
  const full: TransferFact = {
    ...fact,
    actorId: actor.id,
    at: new Date(deps.clock.now()).toISOString(),
  };
  const result = await applyTransferStep(tx, full, {
    kind: 'user',
    userId: actor.id,
    storeId: null,
  });
  if (!result.ok) throw new AppError(result.code, result.message);
  if (!result.replay) {
    await appendAudit(tx, {
      kind: `transfer.${full.type}`,
      actor: auditActorOf(actor),
      storeId: result.state.fromStoreId,
      subject: full.transferId,
      data: { factId: full.factId, toStoreId: result.state.toStoreId, status: result.state.status },
    });
  }
  return result.state;
}

async function readable(q: Queryable, actor: Actor, transferId: string): Promise<TransferState> {
  const state = await findTransfer(q, transferId);
  if (!state) notFound();
  const stores = await queries.storesOf(q, [state.fromStoreId, state.toStoreId]);
  if (
    !can(actor, 'transfers:read', targetOf(stores, state.fromStoreId)) &&
    !can(actor, 'transfers:read', targetOf(stores, state.toStoreId))
  )
    notFound();
  return state;
}

async function detailOf(q: Queryable, state: TransferState): Promise<TransferDetail> {
  const stores = await queries.storesOf(q, [state.fromStoreId, state.toStoreId]);
  const products = await productNames(
    q,
    state.lines.map((l) => l.productId),
  );
  return {
    transfer: state,
    status: state.status,
    fromStoreCode: stores.get(state.fromStoreId)?.code ?? state.fromStoreId,
    toStoreCode: stores.get(state.toStoreId)?.code ?? state.toStoreId,
    products: products.map(({ deleted: _deleted, ...p }) => p),
    inTransit: [...inTransitByProduct(state)].map(([productId, qtyBase]) => ({
      productId,
      qtyBase,
    })),
  };
}

function needBoth(actor: Actor, permission: Permission, t: TransferState, stores: Stores): void {
  if (
    !can(actor, permission, targetOf(stores, t.fromStoreId)) ||
    !can(actor, permission, targetOf(stores, t.toStoreId))
  )
    throw forbidden(permission);
}

/** A store as a permission target; an unknown store gets an empty region (only HQ reaches it). */
function targetOf(stores: Stores, storeId: string): AccessTarget {
  return { storeId, regionId: stores.get(storeId)?.regionId ?? '' };
}

async function assertLiveProducts(q: Queryable, ids: readonly string[]): Promise<void> {
  const known = new Set(
    (await productNames(q, ids)).filter((p) => !p.deleted).map((p) => p.productId),
  );
  ids.forEach((id, i) => {
    if (!known.has(id)) invalid(`lines.${i}.productId`, 'unknown product');
  });
}

function invalid(path: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', `The transfer is not valid: ${message}.`, {
    fields: [{ path, message }],
  });
}

function notFound(): never {
  throw new AppError('NOT_FOUND', 'No such transfer.');
}
