import type { Clock, SyncCollection } from '@kiryana/shared';
import {
  createAccessTokens,
  createSyncApi,
  outboxObserver,
  REPLICATION_ORDER,
  startHintStream,
  startReplication,
  SyncHttpError,
  type DeviceCredential,
  type FetchLike,
  type NetworkStatus,
} from '@kiryana/sync-client';
import { BehaviorSubject, distinctUntilChanged, map, skip, type Observable } from 'rxjs';
import { APP_VERSION } from '../platform/app-version';
import type { TerminalDatabase } from '../db/database';
import { outboxOf } from '../db/facts';
import { readLocal, writeLocal } from '../db/local-state';
import { startHealthReports } from './health-reports';

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
  /** Pushed rows the server quarantined since start (business-rule breaks). */
  readonly quarantined: number;
};

/** A running sync session. */
export type SyncSession = {
  readonly status$: Observable<SyncStatus>;
  resyncAll(): void;
  stop(): Promise<void>;
};

const LAST_SYNC_WRITE_INTERVAL_MS = 5_000;

type SyncLog = { lastSyncAt: string | null; firstSyncDone: boolean };

function parseSyncLog(data: unknown): SyncLog | undefined {
  const value = data as { lastSyncAt?: unknown; firstSyncDone?: unknown } | undefined;
  if (value === undefined) return undefined;
  return {
    lastSyncAt: typeof value.lastSyncAt === 'string' ? value.lastSyncAt : null,
    firstSyncDone: value.firstSyncDone === true,
  };
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
    firstSyncDone: persisted?.firstSyncDone ?? false,
    quarantined: 0,
  });
  const writeLog = () =>
    writeLocal(db, 'sync-log', {
      lastSyncAt: status.value.lastSyncAt,
      firstSyncDone: status.value.firstSyncDone,
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
  };

  const tokens = createAccessTokens(options.fetch, credential, clock);
  const api = createSyncApi(options.fetch, credential.serverUrl, tokens);
  const outbox = outboxObserver(outboxOf(db));
  const replication = startReplication({
    collections: db.collections,
    api,
    network,
    scope: `${api.serverUrl}-${credential.storeId}`,
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
        await succeeded();
      },
      async onPushed(collection, ids, outcome) {
        await outbox.onPushed(collection, ids, outcome);
        if (outcome.quarantined > 0) {
          update((current) => ({ quarantined: current.quarantined + outcome.quarantined }));
        }
        await succeeded();
      },
      onError(_collection, error) {
        const code = errorCodeOf(error);
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
    // A sync cycle is a pull or push that succeeded: each moves lastSyncAt.
    cycles$: status.pipe(
      map((current) => current.lastSyncAt),
      distinctUntilChanged(),
      skip(1),
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
    stop: async () => {
      reports.stop();
      stream.stop();
      networkSubscription.unsubscribe();
      await replication.cancel();
      status.complete();
    },
  };
}
