import { randomUUID } from 'node:crypto';
import {
  type Actor,
  AppError,
  type ScopeFilter,
  type SupplierInput,
  can,
  findIllFormedText,
} from '@kiryana/shared';
import type { Db, Queryable } from '../../db/db';
import { appendAudit } from '../../db/audit-append';
import { auditActorOf } from '../../db/audit-actor';
import { forbidden } from '../../auth/assert-can';
import { decodePairCursor, encodePairCursor } from '../../http/pair-cursor';
import * as queries from './supplier.queries';

/** What the supplier services need. */
export type SupplierDeps = { readonly db: Db };

/** Reads a list cursor (`[name, id]`); the name goes back into SQL, so it is checked like input. */
function decodeSupplierCursor(cursor: string | undefined): [string, string] | null {
  return decodePairCursor(
    cursor,
    (name, id) =>
      name.length <= 200 && id.length <= 200 && findIllFormedText([name, id]) === undefined,
  );
}

/** A page of the suppliers the reader sees, with the cursor of the next page. */
export async function suppliersInReach(
  deps: SupplierDeps,
  filter: ScopeFilter,
  input: { regionId: string | null; storeId: string | null; cursor: string | undefined },
): Promise<{ suppliers: queries.SupplierRow[]; next: string | null }> {
  const limit = 100;
  const suppliers = await queries.listSuppliers(deps.db, filter, {
    regionId: input.regionId,
    storeId: input.storeId,
    after: decodeSupplierCursor(input.cursor),
    limit,
  });
  const last = suppliers.at(-1);
  return {
    suppliers,
    next:
      suppliers.length === limit && last ? encodePairCursor([last.name, last.supplierId]) : null,
  };
}

/** One supplier the reader sees; NOT_FOUND also for one outside reach (no existence leak). */
export async function supplierOf(
  deps: SupplierDeps,
  filter: ScopeFilter,
  id: string,
): Promise<queries.SupplierRow> {
  if (!(await queries.supplierInReach(deps.db, filter, id))) notFound();
  return (await queries.findSupplier(deps.db, id, filter)) ?? notFound();
}

/** Creates a supplier (HQ: chain-wide or any region; a region: its own), audited. */
export async function createSupplier(
  deps: SupplierDeps,
  actor: Actor,
  input: SupplierInput,
): Promise<queries.SupplierRow> {
  const id = `sup-${randomUUID()}`;
  await deps.db.transaction(async (tx) => {
    await assertWritable(tx, actor, input);
    await queries.writeSupplier(tx, id, { ...input, active: true });
    await audit(tx, actor, 'supplier.created', id, input);
  });
  return (await queries.findSupplier(deps.db, id)) ?? notFound();
}

/**
 * Replaces a supplier's fields, stores and products (`active` false retires it, kept for old
 * POs). The writer must reach both the supplier as it is and as it will be, so a region cannot
 * take over a chain-wide supplier or hand its own to another region.
 */
export async function updateSupplier(
  deps: SupplierDeps,
  actor: Actor,
  id: string,
  input: SupplierInput & { active?: boolean },
): Promise<queries.SupplierRow> {
  await deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ region_id: string | null; active: boolean }>(
      'SELECT region_id, active FROM suppliers WHERE id = $1 FOR UPDATE',
      [id],
    );
    const current = rows[0];
    if (!current) notFound();
    if (!can(actor, 'suppliers:write', targetOf(current.region_id)))
      throw forbidden('suppliers:write');
    await assertWritable(tx, actor, input);
    await queries.writeSupplier(tx, id, { ...input, active: input.active ?? current.active });
    await audit(tx, actor, 'supplier.updated', id, input);
  });
  return (await queries.findSupplier(deps.db, id)) ?? notFound();
}

function targetOf(regionId: string | null) {
  return regionId === null ? ('global' as const) : { regionId };
}

async function assertWritable(q: Queryable, actor: Actor, input: SupplierInput): Promise<void> {
  if (!can(actor, 'suppliers:write', targetOf(input.regionId))) throw forbidden('suppliers:write');
  if (input.regionId !== null && !(await queries.regionExists(q, input.regionId)))
    invalid('regionId', 'unknown region');
  const stores = await queries.storesByIds(q, input.storeIds);
  input.storeIds.forEach((storeId, i) => {
    const regionId = stores.get(storeId);
    if (regionId === undefined) invalid(`storeIds.${i}`, 'unknown store');
    // A region's supplier serves that region's stores; a chain-wide one any store.
    if (input.regionId !== null && regionId !== input.regionId)
      invalid(`storeIds.${i}`, "a store outside the supplier's region");
    if (!can(actor, 'suppliers:write', { storeId, regionId })) throw forbidden('suppliers:write');
  });
  const known = await queries.liveProductIds(
    q,
    input.products.map((p) => p.productId),
  );
  input.products.forEach((p, i) => {
    if (!known.has(p.productId)) invalid(`products.${i}.productId`, 'unknown product');
  });
}

async function audit(
  q: Queryable,
  actor: Actor,
  kind: string,
  id: string,
  input: SupplierInput & { active?: boolean },
): Promise<void> {
  await appendAudit(q, {
    kind,
    actor: auditActorOf(actor),
    subject: id,
    data: {
      name: input.name,
      gstin: input.gstin,
      stateCode: input.stateCode,
      regionId: input.regionId,
      paymentTermsDays: input.paymentTermsDays,
      leadTimeDays: input.leadTimeDays,
      storeIds: input.storeIds,
      productCount: input.products.length,
      ...(input.active === undefined ? {} : { active: input.active }),
    },
  });
}

function invalid(path: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', `The supplier is not valid: ${message}.`, {
    fields: [{ path, message }],
  });
}

function notFound(): never {
  throw new AppError('NOT_FOUND', 'No such supplier.');
}
