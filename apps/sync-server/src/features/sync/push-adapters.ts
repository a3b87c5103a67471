import {
  type PushableCollection,
  type Sale,
  type StockMovement,
  type SyncCollection,
  saleMovements,
} from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import type { FactInsert, StoredFact } from '../../db/fact-rows';
import { findMovementsById, insertMovementsWithEffects } from '../stock/stock.service';
import { documentHash } from '../../db/canonical-hash';
import { type PushOrigin, type RuleBreak, movementRuleBreak, saleRuleBreak } from './push-rules';
import type { QuarantineInsert } from './quarantine.queries';
import { refuseExcessRefunds } from './return-refund-check';
import { refuseStoreGstBreaks } from './sale-gst-check';
import { findSalesById, insertSalesWithEffects } from './sale.queries';

/** A pushed document with its canonical hash. */
export type HashedDoc<TDoc> = { readonly doc: TDoc; readonly hash: string };

/** How the push engine stores one pushable collection. */
export type FactAdapter<TDoc extends { id: string; _deleted: boolean }> = {
  readonly collection: PushableCollection;
  /** Collections whose pulls change when rows of this one are stored (stream hints). */
  readonly affects: readonly SyncCollection[];
  ruleBreak(doc: TDoc, origin: PushOrigin): RuleBreak | null;
  /** How many sequence numbers storing these documents may take at most. */
  seqsNeeded(docs: readonly HashedDoc<TDoc>[]): number;
  /** Stores the documents no store holds yet, with their side effects; returns the ids stored. */
  insert(
    tx: Queryable,
    origin: PushOrigin,
    docs: readonly HashedDoc<TDoc>[],
    firstSeq: bigint,
  ): Promise<string[]>;
  findById(q: Queryable, storeId: string, ids: readonly string[]): Promise<StoredFact[]>;
  /**
   * Rules that need the database: moves candidates that break one into `refused`. Called in the
   * push transaction once the store's scope row is locked, before `insert`.
   */
  refuseLocked?(
    tx: Queryable,
    storeId: string,
    candidates: HashedDoc<TDoc>[],
    refused: Map<string, QuarantineInsert>,
    origin: PushOrigin,
  ): Promise<void>;
  /**
   * Locks taken before the store's scope row, for a collection whose rows also write other
   * stores' scopes (documents: a transfer step changes both stores' rows). Whoever takes several
   * scope rows takes them in scope order, so taking the own scope first could deadlock.
   */
  lockFirst?(
    tx: Queryable,
    origin: PushOrigin,
    candidates: readonly HashedDoc<TDoc>[],
  ): Promise<void>;
  /** Business dates of the documents (monthly reporting partitions), if the collection has any. */
  businessDates(docs: readonly HashedDoc<TDoc>[]): string[];
};

function distinctProducts(productIds: Iterable<string>): number {
  return new Set(productIds).size;
}

/** Sales and returns: the sale row, its reporting lines, derived movements, levels, outbox. */
export const saleAdapter: FactAdapter<Sale> = {
  collection: 'sales',
  affects: ['sales', 'stock-movements', 'stock-levels'],
  ruleBreak: saleRuleBreak,
  seqsNeeded(docs) {
    const lines = docs.flatMap(({ doc }) => doc.lines);
    return docs.length + lines.length + distinctProducts(lines.map((line) => line.productId));
  },
  async insert(tx, origin, docs, firstSeq) {
    let seq = firstSeq;
    const take = () => (seq++).toString();
    const sales: FactInsert<Sale>[] = docs.map(({ doc, hash }) => ({ seq: take(), hash, doc }));
    const movements: FactInsert<StockMovement>[] = docs.flatMap(({ doc }) =>
      saleMovements(doc).map((movement) => ({
        seq: take(),
        hash: documentHash(movement),
        doc: movement,
      })),
    );
    return insertSalesWithEffects(tx, {
      storeId: origin.storeId,
      deviceId: origin.deviceId,
      sales,
      movements,
      levelSeqBase: (seq - 1n).toString(),
    });
  },
  findById: findSalesById,
  // GST rules first: a sale refused for them is no original for a return of the same push.
  async refuseLocked(tx, storeId, candidates, refused) {
    await refuseStoreGstBreaks(tx, storeId, candidates, refused);
    await refuseExcessRefunds(tx, storeId, candidates, refused);
  },
  businessDates: (docs) => docs.map(({ doc }) => doc.businessDate),
};

/** Receipts, adjustments, counts and transfers pushed by terminals: the row, levels, outbox. */
export const movementAdapter: FactAdapter<StockMovement> = {
  collection: 'stock-movements',
  affects: ['stock-movements', 'stock-levels'],
  ruleBreak: movementRuleBreak,
  seqsNeeded: (docs) => docs.length + distinctProducts(docs.map(({ doc }) => doc.productId)),
  async insert(tx, origin, docs, firstSeq) {
    let seq = firstSeq;
    const movements = docs.map(({ doc, hash }) => ({ seq: (seq++).toString(), hash, doc }));
    return insertMovementsWithEffects(tx, {
      storeId: origin.storeId,
      deviceId: origin.deviceId,
      movements,
      levelSeqBase: (seq - 1n).toString(),
    });
  },
  findById: findMovementsById,
  businessDates: () => [],
};
