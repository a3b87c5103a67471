import {
  EVENT_DATA_SCHEMAS,
  isEventType,
  type PurchaseOrderFact,
  QUARANTINED_HEADER,
  stepDocument,
  type TransferFact,
  type WorkflowDocument,
} from '@kiryana/shared';
import { expect } from 'vitest';
import { asPushRows, makeMovement, newFactId } from '../../testing/sync-fixtures';
import { type SyncHarness } from '../../testing/sync-harness';
import { type TestDevice } from '../../testing/sync-test-app';
import { stockLevelDrift } from '../stock/stock.service';
import { applyTransferStep, type StepActor } from './workflow.service';

/** Helpers of the workflow tests: reads of the harness database and steps built for pushes. */

export const at = () => new Date().toISOString();
export const manager: StepActor = { kind: 'user', userId: 'u-rm', storeId: null };

export async function num(h: SyncHarness, sql: string, params: unknown[] = []): Promise<number> {
  const result = await h.db.query<{ n: string | null }>(sql, params);
  return Number(result.rows[0]?.n ?? 0);
}

export const level = (h: SyncHarness, storeId: string, productId: string) =>
  num(h, 'SELECT qty_base::text AS n FROM stock_levels WHERE store_id = $1 AND product_id = $2', [
    storeId,
    productId,
  ]);

/** Σ of a document's stock movements in one store (refId is the transfer or PO id). */
export const movedBy = (h: SyncHarness, docId: string, storeId: string) =>
  num(
    h,
    `SELECT coalesce(sum(qty_delta_base), 0)::text AS n FROM stock_movements
      WHERE store_id = $1 AND doc->>'refId' = $2`,
    [storeId, docId],
  );

export const writtenOff = (h: SyncHarness, transferId: string) =>
  num(
    h,
    'SELECT coalesce(sum(qty_base), 0)::text AS n FROM transfer_write_offs WHERE transfer_id = $1',
    [transferId],
  );

export async function topics(h: SyncHarness, storeId: string, docId: string): Promise<string[]> {
  const result = await h.db.query<{ topic: string; payload: unknown }>(
    `SELECT topic, payload FROM outbox WHERE store_id = $1
        AND (payload->>'transferId' = $2 OR payload->>'poId' = $2) ORDER BY seq`,
    [storeId, docId],
  );
  // Every payload is what the shared schema of its type says (the relay publishes it as is).
  for (const row of result.rows) {
    expect(isEventType(row.topic)).toBe(true);
    if (isEventType(row.topic)) EVENT_DATA_SCHEMAS[row.topic].data.parse(row.payload);
  }
  return result.rows.map((r) => r.topic);
}

export async function quarantined(h: SyncHarness, documentId: string): Promise<string | undefined> {
  const result = await h.db.query<{ code: string }>(
    `SELECT code FROM quarantine WHERE collection = 'documents' AND document_id = $1`,
    [documentId],
  );
  return result.rows[0]?.code;
}

export async function pushStep(
  h: SyncHarness,
  device: TestDevice,
  step: TransferFact | PurchaseOrderFact,
  storeId: string = device.principal.storeId,
): Promise<{ status: number; quarantined: string | null; conflicts: unknown }> {
  const answer = await h.api(device).push('documents', asPushRows([stepDocument(storeId, step)]));
  return {
    status: answer.status,
    quarantined: answer.headers.get(QUARANTINED_HEADER),
    conflicts: answer.body,
  };
}

export async function documentsOf(h: SyncHarness, device: TestDevice): Promise<WorkflowDocument[]> {
  return (await h.api(device).pullAll<WorkflowDocument>('documents', 50)).documents;
}

export async function stock(h: SyncHarness, device: TestDevice, productId: string, qty: number) {
  const pushed = await h
    .api(device)
    .push('stock-movements', asPushRows([makeMovement(device.principal.storeId, productId, qty)]));
  expect(pushed.status).toBe(200);
}

export function request(transferId: string, lines: { productId: string; qtyBase: number }[]) {
  return {
    factId: newFactId(),
    transferId,
    actorId: 'u-b-mgr',
    at: at(),
    type: 'request',
    fromStoreId: 'store-a',
    toStoreId: 'store-b',
    lines,
  } satisfies TransferFact;
}

export function step<T extends TransferFact['type']>(
  transferId: string,
  type: T,
  rest: Omit<
    Extract<TransferFact, { type: T }>,
    'factId' | 'transferId' | 'actorId' | 'at' | 'type'
  >,
): Extract<TransferFact, { type: T }> {
  const fact = { factId: newFactId(), transferId, actorId: 'u-mgr', at: at(), type, ...rest };
  return fact as unknown as Extract<TransferFact, { type: T }>;
}

/**
 * A PO step of the regional manager with a new fact id, taken now. Loosely typed on purpose: the
 * tests also build steps the machine must refuse.
 */
export function poFact(poId: string, type: string, rest: object = {}): PurchaseOrderFact {
  return {
    factId: newFactId(),
    poId,
    actorId: 'u-rm',
    at: at(),
    type,
    ...rest,
  } as PurchaseOrderFact;
}

export async function approve(h: SyncHarness, transferId: string) {
  const result = await h.db.transaction((tx) =>
    applyTransferStep(tx, step(transferId, 'approve', { lines: null }), manager),
  );
  expect(result.ok).toBe(true);
}

export async function noDrift(h: SyncHarness) {
  expect(await stockLevelDrift(h.db, 'store-a')).toEqual([]);
  expect(await stockLevelDrift(h.db, 'store-b')).toEqual([]);
}
