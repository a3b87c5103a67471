import { type AccessTarget, type Actor, AppError, businessDate } from '@kiryana/shared';
import { assertCan } from '../../auth/assert-can';
import { storeTarget } from '../../auth/access-target';
import { inActorTransaction } from '../../db/actor-transaction';
import type { Queryable } from '../../db/db';
import type { CatalogueDeps } from './catalogue.service';
import {
  type AdminPrice,
  type PriceLevel,
  deletePrice,
  findPrice,
  priceLevelExists,
  setPrice,
} from './price.queries';
import { findProduct } from './product.queries';

/** A price to set, as `PUT /v1/admin/prices` takes it (catalogue.routes.ts validates it). */
export type PriceChange = {
  readonly productId: string;
  readonly level: PriceLevel;
  readonly regionId?: string | undefined;
  readonly storeId?: string | undefined;
  readonly priceMinor: number;
  /** YYYY-MM-DD; today's business date when omitted. */
  readonly effectiveFrom?: string | undefined;
};

/** What a price of a level touches: the chain for the HQ list, else its region or store. */
async function priceTarget(
  q: Queryable,
  level: PriceLevel,
  regionId: string | null | undefined,
  storeId: string | null | undefined,
): Promise<AccessTarget> {
  if (level === 'hq') return 'global';
  if (level === 'region') return { regionId: regionId ?? '' };
  return storeTarget(q, storeId ?? '');
}

/**
 * Sets a product's price at the level the actor holds prices:write for (HQ list, a region's list,
 * a store's override), never above the MRP, in one transaction attributed to the actor.
 */
export async function setProductPrice(
  deps: CatalogueDeps,
  actor: Actor,
  change: PriceChange,
): Promise<AdminPrice> {
  assertCan(
    actor,
    'prices:write',
    await priceTarget(deps.db, change.level, change.regionId, change.storeId),
  );
  const product = await findProduct(deps.db, change.productId);
  if (!product) throw new AppError('NOT_FOUND', 'No such product.');
  if (!(await priceLevelExists(deps.db, change.level, change.regionId, change.storeId))) {
    throw new AppError('NOT_FOUND', `No such ${change.level === 'region' ? 'region' : 'store'}.`);
  }
  if (change.priceMinor > product.mrpMinor) {
    throw new AppError('VALIDATION_FAILED', 'The price is above the MRP.', {
      fields: [{ path: 'priceMinor', message: 'above the MRP' }],
    });
  }
  return inActorTransaction(deps.db, actor, (tx) =>
    setPrice(tx, {
      productId: product.id,
      level: change.level,
      regionId: change.regionId ?? null,
      storeId: change.storeId ?? null,
      priceMinor: change.priceMinor,
      mrpMinor: product.mrpMinor,
      effectiveFrom: change.effectiveFrom ?? businessDate(new Date(deps.clock.now())),
    }),
  );
}

/**
 * Removes a region price or store override (the HQ price stays: every product has one). A price
 * the actor may not change answers FORBIDDEN, as an unknown one would, before anything is said
 * about whether it exists.
 */
export async function removePriceOverride(
  deps: CatalogueDeps,
  actor: Actor,
  priceId: string,
): Promise<void> {
  const price = await findPrice(deps.db, priceId);
  const target = price
    ? await priceTarget(deps.db, price.level, price.regionId, price.storeId)
    : { storeId: '', regionId: '' };
  assertCan(actor, 'prices:write', target);
  if (!price || price.level === 'hq') throw new AppError('NOT_FOUND', 'No such price override.');
  await inActorTransaction(deps.db, actor, (tx) => deletePrice(tx, price.id));
}
