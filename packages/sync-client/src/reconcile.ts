import {
  EMPTY_ID_CHECKSUM,
  idChecksum,
  type Clock,
  type DayHealth,
  type PushableCollection,
  type ReconcileOutcome,
  type ReconcileReason,
} from '@kiryana/shared';
import type { SyncApi } from './sync-api';

/**
 * Self-healing after the server lost data (a restore to an earlier point, a fail-over that lost the
 * last minutes): the terminal compares, per business date, the facts it made and the server
 * confirmed with what the server now holds of it (`GET /v1/sync/health?terminalId=`: counts,
 * amounts and id checksums, never the documents), and sends the documents of every day that
 * differs again through the normal push. The push is idempotent by fact id (a document the server
 * holds is a no-op) and applies every rule (quarantine included), so re-sending a whole day costs
 * bandwidth, never a doubled sale or stock movement. A terminal that lost nothing pushes nothing.
 */

/** One fact of this terminal as the comparison sees it. */
export type ReconcileFact = {
  readonly id: string;
  readonly collection: PushableCollection;
  /** A sale's own business date; a movement's is the store's calendar day of its `createdAt`. */
  readonly businessDate: string;
  /** Sales and returns count apart; movements are the ones the terminal made itself. */
  readonly kind: 'sale' | 'return' | 'movement';
  /** A sale's or return's total in minor units; 0 for a movement. */
  readonly totalMinor: number;
};

/** Where reconciliation reads the terminal's own facts. */
export type ReconcileSource = {
  /**
   * The facts this terminal made with a business date in `[from, to]` that the server has
   * confirmed (no longer in the outbox): those still queued are the replication's business.
   * Movements derived from sales are not facts of their own and are left out.
   */
  confirmedFacts(from: string, to: string): Promise<readonly ReconcileFact[]>;
  /** The stored documents of these ids, whole, as the terminal pushed them. */
  documents(
    collection: PushableCollection,
    ids: readonly string[],
  ): Promise<readonly Record<string, unknown>[]>;
};

/** What a reconciliation needs. */
export type ReconcileOptions = {
  readonly api: Pick<SyncApi, 'health' | 'push'>;
  /** This terminal's id (its device id, the `terminalId` of its documents). */
  readonly terminalId: string;
  /** The business dates to compare, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly source: ReconcileSource;
  readonly reason: ReconcileReason;
  readonly clock: Clock;
  /** Documents per re-push request; 50 as replication pushes. */
  readonly batchSize?: number;
};

/** The figures of one day the server answers, computed over the terminal's own facts. */
type DayFigures = Omit<DayHealth, 'businessDate'>;

const NOTHING: DayFigures = {
  sales: 0,
  returns: 0,
  salesMinor: 0,
  returnsMinor: 0,
  checksum: EMPTY_ID_CHECKSUM,
  movements: 0,
  movementsChecksum: EMPTY_ID_CHECKSUM,
};

/** How many differing days an outcome lists. */
const MAX_LISTED_DAYS = 31;

async function localDays(facts: readonly ReconcileFact[]): Promise<Map<string, DayFigures>> {
  const byDay = new Map<string, ReconcileFact[]>();
  for (const fact of facts) {
    const list = byDay.get(fact.businessDate) ?? [];
    list.push(fact);
    byDay.set(fact.businessDate, list);
  }
  const days = new Map<string, DayFigures>();
  for (const [day, list] of byDay) {
    const sales = list.filter((f) => f.kind === 'sale');
    const returns = list.filter((f) => f.kind === 'return');
    const movements = list.filter((f) => f.kind === 'movement');
    const sum = (of: readonly ReconcileFact[]) => of.reduce((total, f) => total + f.totalMinor, 0);
    days.set(day, {
      sales: sales.length,
      returns: returns.length,
      salesMinor: sum(sales),
      returnsMinor: sum(returns),
      checksum: await idChecksum([...sales, ...returns].map((f) => f.id)),
      movements: movements.length,
      movementsChecksum: await idChecksum(movements.map((f) => f.id)),
    });
  }
  return days;
}

async function serverDays(options: ReconcileOptions): Promise<Map<string, DayFigures>> {
  const health = await options.api.health({
    from: options.from,
    to: options.to,
    terminalId: options.terminalId,
  });
  const mine = health.terminals.find((t) => t.terminalId === options.terminalId);
  return new Map((mine?.days ?? []).map(({ businessDate, ...figures }) => [businessDate, figures]));
}

const salesEqual = (a: DayFigures, b: DayFigures) =>
  a.sales === b.sales &&
  a.returns === b.returns &&
  a.salesMinor === b.salesMinor &&
  a.returnsMinor === b.returnsMinor &&
  a.checksum === b.checksum;

const movementsEqual = (a: DayFigures, b: DayFigures) =>
  a.movements === b.movements && a.movementsChecksum === b.movementsChecksum;

/** Per day, which parts differ between the terminal and the server. */
type Difference = { readonly day: string; readonly sales: boolean; readonly movements: boolean };

async function compare(options: ReconcileOptions): Promise<{
  differences: Difference[];
  facts: readonly ReconcileFact[];
}> {
  const facts = await options.source.confirmedFacts(options.from, options.to);
  const [local, server] = await Promise.all([localDays(facts), serverDays(options)]);
  const differences: Difference[] = [];
  for (const day of [...new Set([...local.keys(), ...server.keys()])].sort()) {
    const mine = local.get(day) ?? NOTHING;
    const theirs = server.get(day) ?? NOTHING;
    const sales = !salesEqual(mine, theirs);
    const movements = !movementsEqual(mine, theirs);
    if (sales || movements) differences.push({ day, sales, movements });
  }
  return { differences, facts };
}

/**
 * Sends the documents of the differing parts of each day again. Sales go before returns, so a
 * return finds its original sale on the server, and days in order.
 */
async function repush(
  options: ReconcileOptions,
  differences: readonly Difference[],
  facts: readonly ReconcileFact[],
): Promise<{ repushed: number; quarantined: number }> {
  const byDay = new Map(differences.map((d) => [d.day, d]));
  const wanted = facts
    .filter((f) => {
      const difference = byDay.get(f.businessDate);
      return f.collection === 'sales' ? difference?.sales : difference?.movements;
    })
    .sort(
      (a, b) =>
        Number(a.kind === 'return') - Number(b.kind === 'return') ||
        a.businessDate.localeCompare(b.businessDate),
    );
  const batchSize = options.batchSize ?? 50;
  let repushed = 0;
  let quarantined = 0;
  for (const collection of ['stock-movements', 'sales'] as const) {
    const ids = wanted.filter((f) => f.collection === collection).map((f) => f.id);
    for (let start = 0; start < ids.length; start += batchSize) {
      const docs = await options.source.documents(collection, ids.slice(start, start + batchSize));
      if (docs.length === 0) continue;
      // Exactly what replication pushes: the document as stored, not deleted, no assumed state.
      const outcome = await options.api.push(
        collection,
        docs.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } })),
      );
      repushed += docs.length;
      quarantined += outcome.quarantined;
    }
  }
  return { repushed, quarantined };
}

/**
 * Compares the terminal's confirmed facts of `[from, to]` with the server's sync health, re-pushes
 * the documents of every differing day, and compares again. Never throws: a failure is an outcome.
 * @example
 * const outcome = await reconcile({ api, terminalId, from, to, source, reason: 'daily', clock });
 */
export async function reconcile(options: ReconcileOptions): Promise<ReconcileOutcome> {
  const base = { reason: options.reason, from: options.from, to: options.to };
  const at = () => new Date(options.clock.now()).toISOString();
  try {
    const before = await compare(options);
    if (before.differences.length === 0) {
      return {
        ...base,
        at: at(),
        status: 'clean',
        daysDiffering: 0,
        repushed: 0,
        quarantined: 0,
        stillDiffering: [],
      };
    }
    const { repushed, quarantined } = await repush(options, before.differences, before.facts);
    const after = await compare(options);
    return {
      ...base,
      at: at(),
      status: after.differences.length === 0 ? 'repaired' : 'mismatch',
      daysDiffering: before.differences.length,
      repushed,
      quarantined,
      stillDiffering: after.differences.slice(0, MAX_LISTED_DAYS).map((d) => d.day),
    };
  } catch (error) {
    return {
      ...base,
      at: at(),
      status: 'failed',
      daysDiffering: 0,
      repushed: 0,
      quarantined: 0,
      stillDiffering: [],
      error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
    };
  }
}
