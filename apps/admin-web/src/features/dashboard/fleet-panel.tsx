import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { QueryStatus } from '../../ui/query-status';
import { fleetQuery } from '../stores/stores.queries';

/** A skew beyond this many milliseconds is flagged: bills would carry a wrong time. */
const SKEW_WARN_MS = 5 * 60_000;

/** Each terminal's last contact, unsynced documents and clock skew; silent ones stand out. */
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
                    {t('fleet.clockSkew')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {terminals.map((d) => {
                  const skewed = d.clockSkewMs !== null && Math.abs(d.clockSkewMs) > SKEW_WARN_MS;
                  return (
                    <tr key={d.deviceId} className={d.isSilent ? 'warn' : undefined}>
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
                      <td className={`num${skewed ? ' warn-text' : ''}`}>
                        {d.clockSkewMs === null
                          ? '—'
                          : t('fleet.seconds', {
                              value: format.number(Math.trunc(d.clockSkewMs / 1000)),
                            })}
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
