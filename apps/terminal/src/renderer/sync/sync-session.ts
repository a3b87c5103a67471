import {
  businessDate,
  INDIA_TIME_ZONE,
  reconcileOutcomeSchema,
  type Clock,
  type FailoverConfig,
  type ReconcileOutcome,
  type SyncCollection,
  type SyncErrorReport,
} from '@kiryana/shared';
import {
  createAccessTokens,
  createSyncApi,
  createSyncEndpoints,
  outboxObserver,
  outboxReconcileSource,
  reconcile,
  startReconcileSchedule,
  watchEpochs,
  REPLICATION_ORDER,
  startHintStream,
  startReplication,
  SyncHttpError,
  type DeviceCredential,
  type FetchLike,
  type NetworkStatus,
  type SnapshotProgress,
} from '@kiryana/sync-client';
import {
  BehaviorSubject,
  distinctUntilChanged,
  map,
  merge,
  skip,
  Subject,
  type Observable,
} from 'rxjs';
import { z } from 'zod';
import { APP_VERSION } from '../platform/app-version';
import type { TerminalDatabase } from '../db/database';
import { outboxOf } from '../db/facts';
import { readLocal, writeLocal } from '../db/local-state';
import { startHealthReports } from './health-reports';
import { snapshotCheckpointsOf } from './snapshot-checkpoints';

/** What the status bar and the first-run screen show about sync. */
export type SyncStatus = {
  /** The network status (injected). */
  readonly online: boolean;
  /** Whether the last request to the server succeeded; null before the first one. */
  readonly reachable: boolean | null;
  /** When a pull or push last succeeded (ISO). */
  readonly lastSyncAt: string | null;
  /** The code of the last failure (e.g. UNAUTHENTICATED, NETWORK), cleared by a success. */
  readonly lastErrorCode: string | null;
  /** Documents pulled per collection since start. */
  readonly pulled: Readonly<Partial<Record<SyncCollection, number>>>;
  /** Collections whose first pull in this session has finished. */
  readonly initialPullDone: readonly SyncCollection[];
  /** Whether this terminal ever completed a first pull of every collection (kept across restarts). */
  readonly firstSyncDone: boolean;
  /**
   * The snapshot a first sync is loading now (docs/sync.md, "Snapshot"), with when it began, for
   * the progress and ETA on screen; null when none is loading.
   */
  readonly loading: (SnapshotProgress & { readonly startedAt: number }) | null;
  /** Pushed rows the server quarantined since start (business-rule breaks). */
  readonly quarantined: number;
  /** The last reconciliation with the server's sync health (kept across restarts). */
  readonly lastReconciliation: ReconcileOutcome | null;
};

/** A running sync session. */
export type SyncSession = {
  readonly status$: Observable<SyncStatus>;
  resyncAll(): void;
  /** Compares with the server's sync health now and re-pushes what it lacks. */
  reconcileNow(): Promise<ReconcileOutcome>;
  stop(): Promise<void>;
};

const LAST_SYNC_WRITE_INTERVAL_MS = 5_000;

/** Business dates a reconciliation compares: the last 30 days up to today. */
const RECONCILE_DAYS = 30;
const DAY_MS = 86_400_000;

/** A stored endpoint list: read leniently, since a value of an older version may be anything. */
const endpointListSchema = z.array(z.url()).min(1).max(8);

type SyncLog = {
  lastSyncAt: string | null;
  firstSyncDone: boolean;
  /** The business date of the last reconciliation that did not fail. */
  reconciledDay: string | null;
  lastReconciliation: ReconcileOutcome | null;
};

function parseSyncLog(data: unknown): SyncLog | undefined {
  const value = data as
    | {
        lastSyncAt?: unknown;
        firstSyncDone?: unknown;
        reconciledDay?: unknown;
        lastReconciliation?: unknown;
      }
    | undefined;
  if (value === undefined) return undefined;
  const outcome = reconcileOutcomeSchema.safeParse(value.lastReconciliation);
  return {
    lastSyncAt: typeof value.lastSyncAt === 'string' ? value.lastSyncAt : null,
    firstSyncDone: value.firstSyncDone === true,
    reconciledDay: typeof value.reconciledDay === 'string' ? value.reconciledDay : null,
    lastReconciliation: outcome.success ? outcome.data : null,
  };
}

function errorMessageOf(error: unknown): string {
  const inner = (error as { parameters?: { errors?: unknown[] } }).parameters?.errors?.[0];
  const cause = inner ?? error;
  return (cause instanceof Error ? cause.message : String(cause)).slice(0, 500);
}

function errorCodeOf(error: unknown): string {
  // RxDB wraps handler errors (RC_PULL / RC_PUSH) and keeps the original in parameters.errors.
  const inner = (error as { parameters?: { errors?: unknown[] } }).parameters?.errors?.[0];
  const cause = inner ?? error;
  if (cause instanceof SyncHttpError) return cause.code;
  const named = cause as { name?: unknown; code?: unknown };
  if (named.name === 'OfflineError') return 'OFFLINE';
  if (typeof named.code === 'string') return named.code;
  return 'NETWORK';
}

/**
 * Starts syncing the terminal database with its server: access tokens, one replication per
 * collection, the hint stream, health reports after sync cycles, and the status the screens show.
 * Nothing the cashier does waits on it.
 */
export async function startSyncSession(options: {
  db: TerminalDatabase;
  credential: DeviceCredential;
  fetch: FetchLike;
  clock: Clock;
  network: NetworkStatus;
  /** The version health reports carry; the built app's own by default. */
  appVersion?: string;
  /** Fail-over timings between regions (tests shorten them); the shared defaults otherwise. */
  failover?: Partial<FailoverConfig>;
}): Promise<SyncSession> {
  const { db, credential, clock, network } = options;
  const persisted = await readLocal(db, 'sync-log', parseSyncLog);
  const status = new BehaviorSubject<SyncStatus>({
    online: network.isOnline(),
    reachable: null,
    lastSyncAt: persisted?.lastSyncAt ?? null,
    lastErrorCode: null,
    pulled: {},
    initialPullDone: [],
    loading: null,
    firstSyncDone: persisted?.firstSyncDone ?? false,
    quarantined: 0,
    lastReconciliation: persisted?.lastReconciliation ?? null,
  });
  let reconciledDay = persisted?.reconciledDay ?? null;
  /**
   * Failed requests not yet followed by a success of the same kind (a collection's pull or push),
   * for health reports: pulls that succeed do not hide pushes that keep failing.
   */
  const failing = new Map<string, SyncErrorReport>();
  const lastError = (): SyncErrorReport | null =>
    [...failing.values()].reduce<SyncErrorReport | null>(
      (latest, error) => (latest === null || error.at > latest.at ? error : latest),
      null,
    );
  const writeLog = () =>
    writeLocal(db, 'sync-log', {
      lastSyncAt: status.value.lastSyncAt,
      firstSyncDone: status.value.firstSyncDone,
      reconciledDay,
      lastReconciliation: status.value.lastReconciliation,
    });
  const update = (patch: (current: SyncStatus) => Partial<SyncStatus>) => {
    status.next({ ...status.value, ...patch(status.value) });
  };
  let lastWrittenMs = 0;
  const succeeded = async () => {
    const nowMs = clock.now();
    const lastSyncAt = new Date(nowMs).toISOString();
    update(() => ({ reachable: true, lastSyncAt, lastErrorCode: null }));
    if (nowMs - lastWrittenMs >= LAST_SYNC_WRITE_INTERVAL_MS) {
      lastWrittenMs = nowMs;
      await writeLog();
    }
    schedule.synced();
  };

  // Regions (issue 20): a terminal with several endpoints (home region first) fails over between
  // them and comes back home; one with a single server talks to it alone, as before, until a
  // health report's answer brings HQ's list. That list is kept locally and outranks enrolment's.
  const keptList = await readLocal(db, 'sync-endpoints', (data) => {
    const parsed = endpointListSchema.safeParse(data);
    return parsed.success ? parsed.data : undefined;
  });
  const endpointList = keptList ?? credential.endpoints ?? [];
  const endpoints = createSyncEndpoints({
    endpoints: endpointList.length > 0 ? endpointList : [credential.serverUrl],
    fetchFn: options.fetch,
    ...(options.failover === undefined ? {} : { config: options.failover }),
    onReplace: (list) => void writeLocal(db, 'sync-endpoints', list),
  });
  const tokens = createAccessTokens(options.fetch, credential, clock, endpoints);
  const plainApi = createSyncApi(options.fetch, endpoints, tokens);
  const outbox = outboxObserver(outboxOf(db));

  // Self-healing: compare with the server's sync health once per business day and after the
  // server's epoch changed (a restore or fail-over), and re-push what it lost (reconcile.ts).
  const storeTimeZone = async () =>
    (await db.stores.findOne(credential.storeId).exec())?.timezone ?? INDIA_TIME_ZONE;
  let timeZone = await storeTimeZone();
  const today = () => businessDate(new Date(clock.now()), timeZone);
  const reconciled = new Subject<ReconcileOutcome>();
  const schedule = startReconcileSchedule({
    clock,
    lastDay: reconciledDay,
    today,
    run: async (reason) => {
      timeZone = await storeTimeZone();
      const to = today();
      const from = new Date(Date.parse(`${to}T00:00:00Z`) - RECONCILE_DAYS * DAY_MS)
        .toISOString()
        .slice(0, 10);
      return reconcile({
        api: plainApi,
        terminalId: credential.deviceId,
        from,
        to,
        source: outboxReconcileSource(outboxOf(db), credential.deviceId, timeZone),
        reason,
        clock,
      });
    },
    onOutcome: async (outcome, day) => {
      if (outcome.status !== 'failed') reconciledDay = day;
      update(() => ({ lastReconciliation: outcome }));
      // The terminal's log: what was compared and what was sent again.
      const line = `[sync] reconciliation (${outcome.reason}) ${outcome.status}: ${String(outcome.daysDiffering)} day(s) differed, ${String(outcome.repushed)} document(s) re-pushed`;
      if (outcome.status === 'clean' || outcome.status === 'repaired') console.info(line);
      else console.warn(line, outcome.stillDiffering, outcome.error ?? '');
      await writeLog();
      reconciled.next(outcome);
    },
  });
  const api = watchEpochs(plainApi, (collection, epoch) => {
    schedule.epochChanged(collection, epoch);
  });
  // The enrolled server, not the endpoint in use or the head of a list HQ may reorder: the
  // regions share one database, and a new scope would pull and push everything again.
  const scope = `${credential.serverUrl}-${credential.storeId}`;
  const replication = startReplication({
    collections: db.collections,
    api,
    network,
    scope,
    bulkFirstLoad: {
      checkpoints: snapshotCheckpointsOf(db, scope),
      onProgress: (progress) => {
        update((current) => ({
          pulled: { ...current.pulled, [progress.collection]: progress.rows },
          loading:
            progress.rows >= progress.total
              ? null
              : {
                  ...progress,
                  startedAt:
                    current.loading?.collection === progress.collection
                      ? current.loading.startedAt
                      : clock.now(),
                },
        }));
      },
    },
    observer: {
      async onPulled(collection, ids) {
        update((current) => ({
          pulled: {
            ...current.pulled,
            [collection]: (current.pulled[collection] ?? 0) + ids.length,
          },
        }));
        // A fact of ours that comes back from the server is on the server.
        await outbox.onPulled(collection, ids);
        failing.delete(`${collection}:pull`);
        await succeeded();
      },
      async onPushed(collection, ids, outcome) {
        await outbox.onPushed(collection, ids, outcome);
        if (outcome.quarantined > 0) {
          update((current) => ({ quarantined: current.quarantined + outcome.quarantined }));
        }
        failing.delete(`${collection}:push`);
        await succeeded();
      },
      onError(collection, error) {
        const code = errorCodeOf(error);
        // RxDB names the side that failed: RC_PUSH for a push, RC_PULL for a pull.
        const side = (error as { code?: unknown }).code === 'RC_PUSH' ? 'push' : 'pull';
        failing.set(`${collection}:${side}`, {
          code,
          message: errorMessageOf(error),
          at: new Date(clock.now()).toISOString(),
        });
        update(() => ({ lastErrorCode: code, reachable: code === 'OFFLINE' ? null : false }));
      },
    },
  });
  for (const collection of REPLICATION_ORDER) {
    void replication.states
      .get(collection)
      ?.awaitInitialReplication()
      .then(() => {
        update((current) => ({ initialPullDone: [...current.initialPullDone, collection] }));
      });
  }
  void replication.awaitInitialPull().then(async () => {
    if (status.value.firstSyncDone) return;
    update(() => ({ firstSyncDone: true }));
    await writeLog();
  });
  const networkSubscription = network.online$.subscribe((online) => {
    update(() => ({ online }));
  });
  const reports = startHealthReports({
    send: (health) => api.report(health),
    countUnsynced: () => db.outbox.count().exec(),
    details: async () => {
      const oldest = await db.outbox.findOne({ selector: {}, sort: [{ createdAt: 'asc' }] }).exec();
      return {
        oldestUnsyncedAt: oldest?.createdAt ?? null,
        lastError: lastError(),
        lastReconciliation: status.value.lastReconciliation,
        endpoint: endpoints.current(),
      };
    },
    // A sync cycle is a pull or push that succeeded: each moves lastSyncAt. A reconciliation's
    // outcome is reported as soon as it is known.
    cycles$: merge(
      status.pipe(
        map((current) => current.lastSyncAt),
        distinctUntilChanged(),
        skip(1),
      ),
      reconciled,
    ),
    network,
    clock,
    appVersion: options.appVersion ?? APP_VERSION,
  });
  const stream = startHintStream({
    api,
    network,
    onHint: (hint) => {
      // The status bar says so at once; replication keeps the bills and is refused from now on.
      if (hint.kind === 'revoked') update(() => ({ lastErrorCode: 'DEVICE_REVOKED' }));
      else if (hint.kind === 'resync') replication.resyncAll();
      else replication.resync(hint.collection);
    },
  });

  return {
    status$: status.asObservable(),
    resyncAll: () => {
      replication.resyncAll();
    },
    reconcileNow: () => schedule.runNow('manual'),
    stop: async () => {
      schedule.stop();
      endpoints.stop();
      reports.stop();
      reconciled.complete();
      stream.stop();
      networkSubscription.unsubscribe();
      await replication.cancel();
      status.complete();
    },
  };
}
