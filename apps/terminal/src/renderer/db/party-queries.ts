import { unitCostPerBase, type Party } from '@kiryana/shared';
import type { TerminalDatabase } from './database';
import type { Stored } from './schemas';

/**
 * Reading the `parties` collection: the suppliers linked to this store, as the server replicates
 * them (pull-only; an unlinked supplier is deleted here by replication, a retired one inactive).
 */

/** A supplier of this store as the terminal keeps it. */
export type StoreSupplier = Stored<Party>;

/** This store's active suppliers in name order (the `kind, name` index). */
export async function storeSuppliers(db: TerminalDatabase): Promise<StoreSupplier[]> {
  const docs = await db.parties
    .find({
      selector: { kind: 'supplier', active: true },
      sort: [{ kind: 'asc' }, { name: 'asc' }],
    })
    .exec();
  return docs.map((doc) => doc.toJSON() as StoreSupplier);
}

/** One supplier by id, also a retired one (an old PO still names it); undefined when unknown here. */
export async function supplierById(
  db: TerminalDatabase,
  id: string,
): Promise<StoreSupplier | undefined> {
  const doc = await db.parties.findOne(id).exec();
  return doc === null ? undefined : (doc.toJSON() as StoreSupplier);
}

/**
 * The supplier a typed name means: exactly one of the list, ignoring case and spaces at the ends.
 * A seller not in the list (a local wholesaler paid cash) gives undefined and stays free text.
 */
export function supplierNamed(
  suppliers: readonly StoreSupplier[],
  typed: string,
): StoreSupplier | undefined {
  const wanted = typed.trim().toLocaleLowerCase('en-IN');
  if (wanted === '') return undefined;
  const matches = suppliers.filter((s) => s.name.trim().toLocaleLowerCase('en-IN') === wanted);
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * The cost last paid to a supplier for a product per the product's price basis (a piece, or a kg
 * of goods sold loose: `basisQty` base units), from its pack price over the pack size rounded half
 * up, to start a receipt line from; undefined when it never quoted one.
 * @example
 * lastCostPerBasis(supplier, 'p-1', 1); // 1042 for ₹250 a case of 24
 * lastCostPerBasis(supplier, 'rice', 1000); // 5000 for ₹1,250 a 25 kg bag: ₹50.00 a kg
 */
export function lastCostPerBasis(
  supplier: StoreSupplier,
  productId: string,
  basisQty: number,
): number | undefined {
  const line = supplier.products.find((p) => p.productId === productId);
  if (line?.lastCostMinorPerOrderUnit == null) return undefined;
  const perBasisPack = line.lastCostMinorPerOrderUnit * basisQty;
  if (!Number.isSafeInteger(perBasisPack)) return undefined;
  return unitCostPerBase(perBasisPack, line.baseUnitsPerOrderUnit);
}
