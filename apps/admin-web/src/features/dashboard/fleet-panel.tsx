import type { FleetTerminal } from '@kiryana/shared';
import { useQuery } from '@tanstack/react-query';
import { type TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { QueryStatus } from '../../ui/query-status';
import { fleetQuery } from '../stores/stores.queries';

/** A skew beyond this many milliseconds is flagged: bills would carry a wrong time. */
const SKEW_WARN_MS = 5 * 60_000;

/** A fact waiting longer than this is flagged: the server's figures miss it that long. */
const OLDEST_WARN_MS = 30 * 60_000;

/**
 * Minutes the oldest unsynced fact has waited, on the server's clock: the terminal stamped it on
 * its own clock, which runs `clockSkewMs` ahead of the server's.
 */
function waitedMs(d: FleetTerminal, serverTime: string): number | null {
  if (d.oldestUnsyncedAt === null) return null;
  const madeOnServerClock = Date.parse(d.oldestUnsyncedAt) - (d.clockSkewMs ?? 0);
  return Math.max(0, Date.parse(serverTime) - madeOnServerClock);
}

/** The host of the sync endpoint a terminal reported (its region's server, or another after a fail-over). */
function endpointHost(endpoint: string | null | undefined): string {
  if (endpoint === null || endpoint === undefined) return '—';
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/** The last reconciliation in words. */
function reconciliationText(t: TFunction, d: FleetTerminal): string {
  const outcome = d.lastReconciliation;
  if (outcome === null) return '—';
  switch (outcome.status) {
    case 'clean':
      return t('fleet.reconcileClean');
    case 'repaired':
      return t('fleet.reconcileRepaired', { count: outcome.repushed });
    case 'mismatch':
      return t('fleet.reconcileMismatch', { count: outcome.stillDiffering.length });
    case 'failed':
      return t('fleet.reconcileFailed');
  }
}

/**
 * Each terminal's last contact, unsynced documents and how long the oldest has waited, clock skew,
 * last sync error and last reconciliation; silent ones and figures that need a look stand out.
 */
export function FleetPanel({ storeId }: { storeId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const fleet = useQuery(fleetQuery(api, storeId));
  const terminals = (fleet.data?.terminals ?? []).filter((d) => d.status === 'active');
  const silent = terminals.filter((d) => d.isSilent).length;
  return (
    <section aria-labelledby="fleet-title">
      <h2 id="fleet-title">{t('fleet.title')}</h2>
      <QueryStatus isPending={fleet.isPending} error={fleet.error} />
      {fleet.data && (
        <>
          <p role="status">
            {silent > 0
              ? t('fleet.silentCount', { count: silent })
              : t('fleet.allReporting', { count: terminals.length })}
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('fleet.terminal')}</th>
                  <th scope="col">{t('fleet.lastContact')}</th>
                  <th scope="col" className="num">
                    {t('fleet.unsynced')}
                  </th>
                  <th scope="col" className="num">
                    {t('fleet.oldestUnsynced')}
                  </th>
                  <th scope="col" className="num">
                    {t('fleet.clockSkew')}
                  </th>
                  <th scope="col">{t('fleet.lastError')}</th>
                  <th scope="col">{t('fleet.reconciliation')}</th>
                  <th scope="col">{t('fleet.endpoint')}</th>
                </tr>
              </thead>
              <tbody>
                {terminals.map((d) => {
                  const skewed = d.clockSkewMs !== null && Math.abs(d.clockSkewMs) > SKEW_WARN_MS;
                  const waited = waitedMs(d, fleet.data.serverTime);
                  const reconcile = d.lastReconciliation;
                  const unreconciled =
                    reconcile !== null &&
                    (reconcile.status === 'mismatch' || reconcile.status === 'failed');
                  return (
                    <tr
                      key={d.deviceId}
                      data-device={d.deviceId}
                      className={d.isSilent ? 'warn' : undefined}
                    >
                      <th scope="row">
                        {d.storeCode} · {d.terminalCode} · {d.name}
                      </th>
                      <td>
                        {d.lastContactAt ? format.dateTime(d.lastContactAt) : t('fleet.never')}
                        {d.isSilent && <strong className="tag">{t('fleet.silent')}</strong>}
                      </td>
                      <td className="num">
                        {d.unsyncedDocuments === null ? '—' : format.number(d.unsyncedDocuments)}
                      </td>
                      <td
                        className={`num${waited !== null && waited > OLDEST_WARN_MS ? ' warn-text' : ''}`}
                      >
                        {waited === null
                          ? '—'
                          : t('fleet.minutes', {
                              value: format.number(Math.floor(waited / 60_000)),
                            })}
                      </td>
                      <td className={`num${skewed ? ' warn-text' : ''}`}>
                        {d.clockSkewMs === null
                          ? '—'
                          : t('fleet.seconds', {
                              value: format.number(Math.trunc(d.clockSkewMs / 1000)),
                            })}
                      </td>
                      <td className={d.lastError ? 'warn-text' : undefined}>
                        {d.lastError ? (
                          <span title={d.lastError.message}>
                            {t('fleet.errorAt', {
                              code: d.lastError.code,
                              time: format.dateTime(d.lastError.at),
                            })}
                          </span>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td className={unreconciled ? 'warn-text' : undefined}>
                        {reconcile === null ? (
                          '—'
                        ) : (
                          <span title={format.dateTime(reconcile.at)}>
                            {reconciliationText(t, d)}
                          </span>
                        )}
                      </td>
                      <td data-endpoint title={d.endpoint ?? undefined}>
                        {endpointHost(d.endpoint)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
