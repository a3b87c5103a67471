import type { Clock, PushRow, QuarantineReason } from '@kiryana/shared';
import type { LiveHub } from '../../http/app-env';
import type { DevicePrincipal } from '../../auth/principal';
import type { Db } from '../../db/db';
import { documentHash } from '../../db/canonical-hash';
import { refuseForeignCashiers } from './cashier-check';
import type { FactAdapter, HashedDoc } from './push-adapters';
import { FACT_DELETED, type PushOrigin } from './push-rules';
import { type QuarantineInsert, insertQuarantine } from './quarantine.queries';
import { scheduleSaleLinePartitions } from './sale-line-partitions';
import { storeScope, takeSeqs } from './scope.queries';

/**
 * One push = one transaction (docs/sync.md, "Push"). The store comes from the device credential.
 * Facts are insert-only, so each pushed row ends in exactly one of four ways:
 * - stored, with its side effects, when no store holds its id;
 * - a no-op when this store holds the same id with the same canonical hash (a retry);
 * - a conflict when this store holds the id with other content, a deletion included: the stored
 *   document is returned and nothing is overwritten;
 * - quarantined when it breaks a business rule or its id belongs to another store: recorded once,
 *   reported, and not returned as a conflict, so the terminal's queue drains.
 */

/** What the push engine needs. */
export type PushDeps = { readonly db: Db; readonly live: LiveHub; readonly clock: Clock };

/** The result of a push. */
export type PushOutcome<TDoc> = {
  /** Stored server states of conflicting rows: the push response. Never another store's data. */
  readonly conflicts: TDoc[];
  /** Rows accepted into quarantine instead of being stored. */
  readonly quarantined: QuarantineReason[];
  /** Ids stored by this push. */
  readonly stored: string[];
};

/** Stores a batch of pushed facts of one collection for the calling device. */
export async function pushFacts<TDoc extends { id: string; _deleted: boolean }>(
  deps: PushDeps,
  adapter: FactAdapter<TDoc>,
  device: DevicePrincipal,
  rows: readonly PushRow<TDoc>[],
  onBackgroundError: (error: unknown) => void = () => undefined,
): Promise<PushOutcome<TDoc>> {
  const origin: PushOrigin = { storeId: device.storeId, deviceId: device.deviceId };
  const scope = storeScope(origin.storeId);
  const candidates: HashedDoc<TDoc>[] = [];
  const repeats: HashedDoc<TDoc>[] = [];
  const deletions: HashedDoc<TDoc>[] = [];
  const refused = new Map<string, QuarantineInsert>();
  const seen = new Set<string>();
  for (const row of rows) {
    const doc = row.newDocumentState;
    const hashed = { doc, hash: documentHash(doc) };
    if (seen.has(doc.id)) {
      repeats.push(hashed);
      continue;
    }
    seen.add(doc.id);
    if (doc._deleted) {
      deletions.push(hashed);
      continue;
    }
    const ruleBreak = adapter.ruleBreak(doc, origin);
    if (ruleBreak) refused.set(doc.id, { documentId: doc.id, ...ruleBreak, doc });
    else candidates.push(hashed);
  }
  await refuseForeignCashiers(deps.db, origin.storeId, candidates, refused);

  const outcome = await deps.db.transaction(async (tx) => {
    let stored: string[] = [];
    let lastSeq: bigint | undefined;
    if (candidates.length > 0) {
      await adapter.lockFirst?.(tx, origin, candidates);
      const block = await takeSeqs(tx, scope, adapter.seqsNeeded(candidates));
      await adapter.refuseLocked?.(tx, origin.storeId, candidates, refused, origin);
      stored = await adapter.insert(tx, origin, candidates, block.first);
      lastSeq = block.last;
    }
    const storedIds = new Set(stored);
    const toCheck = [
      ...candidates.filter(({ doc }) => !storedIds.has(doc.id)),
      ...repeats,
      ...deletions,
    ];
    const conflicts = new Map<string, TDoc>();
    if (toCheck.length > 0) {
      const found = await adapter.findById(tx, origin.storeId, [
        ...new Set(toCheck.map(({ doc }) => doc.id)),
      ]);
      const ours = new Map(found.filter((f) => f.storeId === origin.storeId).map((f) => [f.id, f]));
      const elsewhere = new Set(found.filter((f) => f.storeId !== origin.storeId).map((f) => f.id));
      for (const { doc, hash } of toCheck) {
        const stored = ours.get(doc.id);
        if (stored) {
          if (stored.docHash !== hash) conflicts.set(doc.id, stored.doc as TDoc);
        } else if (elsewhere.has(doc.id) && !refused.has(doc.id)) {
          refused.set(doc.id, {
            documentId: doc.id,
            code: 'ID_IN_OTHER_SCOPE',
            message:
              'This id is already used outside this store; push the document under a new id.',
            doc,
          });
        } else if (doc._deleted && !refused.has(doc.id)) {
          refused.set(doc.id, { documentId: doc.id, ...FACT_DELETED, doc });
        }
      }
    }
    if (refused.size > 0) {
      await insertQuarantine(tx, {
        storeId: origin.storeId,
        deviceId: origin.deviceId,
        collection: adapter.collection,
        rows: [...refused.values()],
      });
    }
    return { stored, lastSeq, conflicts: [...conflicts.values()] };
  });

  if (outcome.lastSeq !== undefined && outcome.stored.length > 0) {
    const seq = outcome.lastSeq.toString();
    // A hint lost here costs latency, not data: the terminal's next pull (RESYNC) finds the rows.
    await Promise.all(
      adapter.affects.map((c) => deps.live.publish(scope, c, seq).catch(onBackgroundError)),
    );
    const storedIds = new Set(outcome.stored);
    const dates = adapter.businessDates(candidates.filter(({ doc }) => storedIds.has(doc.id)));
    if (dates.length > 0) scheduleSaleLinePartitions(deps.db, deps.clock, dates, onBackgroundError);
  }
  return {
    conflicts: outcome.conflicts,
    quarantined: [...refused.values()].map(({ documentId, code, message }) => ({
      documentId,
      code,
      message,
    })),
    stored: outcome.stored,
  };
}
