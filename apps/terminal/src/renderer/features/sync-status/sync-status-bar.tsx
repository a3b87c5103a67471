import { REPLICATION_ORDER } from '@kiryana/sync-client';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../services/terminal-services';
import { useObservable } from '../../services/use-observable';
import { watchUnsynced } from '../../db/facts';
import { useFormat } from '../../i18n/use-format';

function useNow(intervalMs: number): number {
  const { clock } = useServices();
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(clock.now());
    }, intervalMs);
    return () => {
      clearInterval(timer);
    };
  }, [clock, intervalMs]);
  return now;
}

/** Whole minutes between two instants, for "oldest unsynced bill: 12 min". */
function minutesBetween(fromIso: string, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - Date.parse(fromIso)) / 60_000));
}

/**
 * Seconds a snapshot load still needs at the rate it has had so far; before the first batch, a
 * guess of 20,000 rows a second (what a terminal managed on a 2-core machine).
 */
function secondsLeft(
  loading: { rows: number; total: number; startedAt: number },
  nowMs: number,
): number {
  const elapsedS = Math.max(0.001, (nowMs - loading.startedAt) / 1000);
  const perSecond = loading.rows > 0 ? loading.rows / elapsedS : 20_000;
  return Math.max(1, (loading.total - loading.rows) / perSecond);
}

/**
 * Always visible: online/offline, facts not yet on the server and the age of the oldest, the last
 * successful sync, and the first pull's progress. Nothing here blocks billing.
 */
export function SyncStatusBar() {
  const { t } = useTranslation();
  const format = useFormat();
  const { db, sync, clock } = useServices();
  const status = useObservable(sync.status$, null);
  const unsynced$ = useMemo(() => watchUnsynced(db), [db]);
  const unsynced = useObservable(unsynced$, { count: 0, oldestCreatedAt: null });
  const now = useNow(15_000);
  if (status === null) return null;
  const connected = status.online && status.reachable !== false;
  const pulling = REPLICATION_ORDER.filter((c) => !status.initialPullDone.includes(c));
  return (
    <footer className={`sync-status ${connected ? 'online' : 'offline'}`} data-testid="sync-status">
      <span data-testid="sync-online" data-online={connected}>
        ●{' '}
        {connected
          ? t('sync.online')
          : status.online
            ? t('sync.serverUnreachable')
            : t('sync.offline')}
      </span>
      <span data-testid="sync-unsynced" data-count={unsynced.count}>
        {t('sync.unsynced', { count: unsynced.count })}
        {unsynced.oldestCreatedAt !== null &&
          ` · ${t('sync.oldest', { minutes: minutesBetween(unsynced.oldestCreatedAt, now) })}`}
      </span>
      <span data-testid="sync-last">
        {status.lastSyncAt === null
          ? t('sync.neverSynced')
          : t('sync.lastSync', { time: format.dateTime(status.lastSyncAt) })}
      </span>
      {!status.firstSyncDone && pulling.length > 0 && (
        <span data-testid="sync-progress">
          {status.loading === null ? (
            t('sync.pulling', {
              done: status.initialPullDone.length,
              total: REPLICATION_ORDER.length,
              products: status.pulled.products ?? 0,
            })
          ) : (
            <span
              data-testid="sync-loading"
              data-collection={status.loading.collection}
              data-rows={status.loading.rows}
            >
              {t('sync.loading', {
                what: t(`sync.loadingWhat.${status.loading.collection}`),
                rows: format.number(status.loading.rows),
                total: format.number(status.loading.total),
                eta: format.duration(secondsLeft(status.loading, clock.now())),
              })}
            </span>
          )}
        </span>
      )}
      {status.quarantined > 0 && (
        <span className="warn">{t('sync.quarantined', { count: status.quarantined })}</span>
      )}
      {status.lastErrorCode === 'DEVICE_REVOKED' ? (
        <span className="warn" data-testid="sync-revoked">
          {t('sync.revoked')}
        </span>
      ) : (
        status.lastErrorCode !== null &&
        status.lastErrorCode !== 'OFFLINE' && (
          <span className="warn" data-testid="sync-error">
            {t('sync.error', { code: status.lastErrorCode })}
          </span>
        )
      )}
    </footer>
  );
}
