/** The rows of pushed facts (sales, stock movements) as the push path stores and finds them. */

/** A fact to store: the document, its canonical hash and the seq it takes. */
export type FactInsert<TDoc> = { readonly seq: string; readonly hash: string; readonly doc: TDoc };

/** A stored fact found by id: which store holds it, its hash, and its document if it is ours. */
export type StoredFact = {
  readonly storeId: string;
  readonly id: string;
  readonly docHash: string;
  /** Only filled for the asking store: another store's document never leaves the database. */
  readonly doc: unknown;
};
