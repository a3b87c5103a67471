import {
  type AdminProduct,
  AppError,
  type ProductInput,
  type Actor,
  type Clock,
  type ScopeFilter,
  businessDate,
} from '@kiryana/shared';
import type { Db, Queryable } from '../../db/db';
import { inActorTransaction } from '../../db/actor-transaction';
import { newIdentityId } from '../identity/user.service';
import { type ImportRowError, checkProductCsv } from './product-import';
import * as products from './product.queries';
import { type AdminPrice, pricesOfProduct, setHqPrices } from './price.queries';
import { productsCsv } from './product-csv';
import { assertHsnInTaxClass } from '../tax-admin/hsn.service';

/** What the catalogue services need. */
export type CatalogueDeps = { readonly db: Db; readonly clock: Clock };

/** The answer to an import or its dry run. */
export type ImportReport = {
  dryRun: boolean;
  imported: boolean;
  rows: number;
  created: number;
  updated: number;
  errors: ImportRowError[];
};

function today(deps: CatalogueDeps): string {
  return businessDate(new Date(deps.clock.now()));
}

async function assertWritable(q: Queryable, input: ProductInput, exceptId?: string) {
  if (!(await products.knownTaxClasses(q)).has(input.taxClassId)) {
    throw new AppError('VALIDATION_FAILED', `Tax class "${input.taxClassId}" does not exist.`, {
      fields: [{ path: 'taxClassId', message: 'unknown tax class' }],
    });
  }
  await assertHsnInTaxClass(q, input.taxClassId, input.hsn);
  const skus = await products.idsOfSkus(q, [input.sku]);
  const skuOwner = skus.get(input.sku);
  if (skuOwner !== undefined && skuOwner !== exceptId) {
    throw new AppError('CONFLICT', `SKU ${input.sku} is taken.`, { field: 'sku' });
  }
  const taken = (await products.barcodeOwners(q, input.barcodes)).filter(
    (o) => o.sku !== input.sku,
  );
  if (taken.length > 0) {
    throw new AppError(
      'CONFLICT',
      `Barcode ${taken[0]?.barcode ?? ''} belongs to ${taken[0]?.sku ?? ''}.`,
      {
        field: 'barcodes',
        taken,
      },
    );
  }
}

/** Creates a product with its HQ price (the MRP unless given). */
export async function createProduct(
  deps: CatalogueDeps,
  actor: Actor,
  input: ProductInput,
  hqPriceMinor?: number,
): Promise<AdminProduct> {
  const id = await inActorTransaction(deps.db, actor, async (tx) => {
    await assertWritable(tx, input);
    const [row] = await products.upsertProducts(tx, [{ ...input, id: `p-${newIdentityId()}` }]);
    if (!row) throw new Error('insert returned no row');
    await setHqPrices(
      tx,
      [
        {
          productId: row.id,
          priceMinor: Math.min(hqPriceMinor ?? input.mrpMinor, input.mrpMinor),
          mrpMinor: input.mrpMinor,
        },
      ],
      today(deps),
    );
    return row.id;
  });
  return (await products.findProduct(deps.db, id)) ?? notFound();
}

/** Replaces a product's fields. */
export async function editProduct(
  deps: CatalogueDeps,
  actor: Actor,
  id: string,
  input: ProductInput,
): Promise<AdminProduct> {
  await inActorTransaction(deps.db, actor, async (tx) => {
    await assertWritable(tx, input, id);
    if (!(await products.updateProduct(tx, id, input))) notFound();
  });
  return (await products.findProduct(deps.db, id)) ?? notFound();
}

/** Deletes a product (a tombstone terminals pull). */
export async function removeProduct(deps: CatalogueDeps, actor: Actor, id: string): Promise<void> {
  await inActorTransaction(deps.db, actor, async (tx) => {
    if (!(await products.deleteProduct(tx, id))) notFound();
  });
}

/**
 * Imports a catalogue CSV: checks every row first; a dry run, or a file with any bad row, writes
 * nothing and lists every bad row. A clean file is written in one transaction (one statement for
 * products, one for their HQ prices), so terminals see all of it or none of it.
 */
export async function importProducts(
  deps: CatalogueDeps,
  actor: Actor,
  input: { csv: string; dryRun: boolean },
): Promise<ImportReport> {
  const check = await checkProductCsv(deps.db, input.csv);
  const existing = await products.idsOfSkus(
    deps.db,
    check.rows.map((r) => r.product.sku),
  );
  const report: ImportReport = {
    dryRun: input.dryRun,
    imported: false,
    rows: check.rows.length + check.errors.length,
    created: check.rows.filter((r) => !existing.has(r.product.sku)).length,
    updated: check.rows.filter((r) => existing.has(r.product.sku)).length,
    errors: check.errors,
  };
  if (input.dryRun || check.errors.length > 0) return report;
  await inActorTransaction(deps.db, actor, async (tx) => {
    const written = await products.upsertProducts(
      tx,
      check.rows.map((r) => ({
        ...r.product,
        id: existing.get(r.product.sku) ?? `p-${newIdentityId()}`,
      })),
    );
    const idOf = new Map(written.map((w) => [w.sku, w]));
    const prices = check.rows.flatMap((r) => {
      const row = idOf.get(r.product.sku);
      if (!row || (r.priceMinor === null && !row.created)) return [];
      return [
        {
          productId: row.id,
          priceMinor: r.priceMinor ?? r.product.mrpMinor,
          mrpMinor: r.product.mrpMinor,
        },
      ];
    });
    await setHqPrices(tx, prices, today(deps));
  });
  return { ...report, imported: true };
}

/** The tax classes, categories and units a product form offers, as of today. */
export function catalogueOptionsToday(
  deps: CatalogueDeps,
): ReturnType<typeof products.catalogueOptions> {
  return products.catalogueOptions(deps.db, today(deps));
}

/** A page of products by SKU after `after`, optionally searched or of one category. */
export function listProducts(
  deps: CatalogueDeps,
  input: Parameters<typeof products.listProducts>[1],
): Promise<AdminProduct[]> {
  return products.listProducts(deps.db, input);
}

/** The whole catalogue as CSV, in the columns the import reads back. */
export async function exportProductsCsv(deps: CatalogueDeps): Promise<string> {
  return productsCsv(await products.allProducts(deps.db));
}

/** A product with its prices at the levels the reader reaches; NOT_FOUND when there is none. */
export async function productWithPrices(
  deps: CatalogueDeps,
  id: string,
  filter: ScopeFilter,
): Promise<{ product: AdminProduct; prices: AdminPrice[] }> {
  const product = (await products.findProduct(deps.db, id)) ?? notFound();
  return { product, prices: await pricesOfProduct(deps.db, product.id, filter) };
}

function notFound(): never {
  throw new AppError('NOT_FOUND', 'No such product.');
}
