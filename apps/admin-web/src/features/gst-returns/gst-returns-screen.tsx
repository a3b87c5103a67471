import { businessDate } from '@kiryana/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { saveBlob } from '../../ui/download';
import { QueryStatus } from '../../ui/query-status';
import { StepError } from '../transfers/step-error';
import { gstinsQuery, gstr1Path, gstr1Query } from './gst-returns.queries';
import { gstr1Totals } from './gstr1-totals';

/** The month before today's, as `YYYY-MM` (the month usually being filed). */
function lastMonth(today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month === 1
    ? `${String(year - 1)}-12`
    : `${String(year)}-${String(month - 1).padStart(2, '0')}`;
}

/**
 * GST returns: pick a GSTIN in reach and a month, see the totals of each GSTR-1 table, and download
 * the JSON for the portal's offline tool or any table as CSV for the accountant.
 */
export function GstReturnsScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const gstins = useQuery(gstinsQuery(api));
  const [chosen, setChosen] = useState('');
  const [period, setPeriod] = useState(() => lastMonth(businessDate(new Date())));
  const [downloadError, setDownloadError] = useState<unknown>();
  const gstin = chosen || (gstins.data?.[0]?.gstin ?? '');
  const entry = gstins.data?.find((g) => g.gstin === gstin);
  const gstr1 = useQuery(gstr1Query(api, gstin, period));
  const download = (section?: string) => {
    setDownloadError(undefined);
    api.download(gstr1Path(gstin, period, section)).then(
      (blob) => {
        saveBlob(blob, `gstr1-${gstin}-${period}${section ? `-${section}.csv` : '.json'}`);
      },
      (error: unknown) => {
        setDownloadError(error);
      },
    );
  };
  return (
    <section aria-labelledby="gst-returns-title">
      <h1 id="gst-returns-title">{t('gstReturns.title')}</h1>
      <QueryStatus isPending={gstins.isPending} error={gstins.error} />
      {gstins.data?.length === 0 && <p>{t('gstReturns.noGstin')}</p>}
      <div className="filters">
        <label className="field" htmlFor="gstr1-gstin">
          <span>{t('gstReturns.gstin')}</span>
          <select
            id="gstr1-gstin"
            value={gstin}
            onChange={(e) => {
              setChosen(e.target.value);
            }}
          >
            {(gstins.data ?? []).map((g) => (
              <option key={g.gstin} value={g.gstin}>
                {`${g.gstin} — ${g.legalName}`}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor="gstr1-period">
          <span>{t('gstReturns.month')}</span>
          <input
            id="gstr1-period"
            type="month"
            value={period}
            onChange={(e) => {
              setPeriod(e.target.value);
            }}
          />
        </label>
      </div>
      {entry && <p>{t('gstReturns.stores', { stores: entry.storeIds.join(', ') })}</p>}
      {entry?.composition && <p role="note">{t('gstReturns.composition')}</p>}
      {gstin !== '' && <QueryStatus isPending={gstr1.isPending} error={gstr1.error} />}
      {gstr1.data && (
        <>
          <table aria-label={t('gstReturns.totals')}>
            <thead>
              <tr>
                <th scope="col">{t('gstReturns.section')}</th>
                <th scope="col" className="numeric">
                  {t('gstReturns.count')}
                </th>
                <th scope="col" className="numeric">
                  {t('reports.taxable')}
                </th>
                <th scope="col" className="numeric">
                  {t('gstReturns.tax')}
                </th>
                <th scope="col">{t('gstReturns.csv')}</th>
              </tr>
            </thead>
            <tbody>
              {gstr1Totals(gstr1.data).map((row) => (
                <tr key={row.section} data-testid={`gstr1-${row.section}`}>
                  <th scope="row">{t(`gstReturns.sections.${row.section}`)}</th>
                  <td className="numeric">{format.number(row.count)}</td>
                  <td className="numeric">{format.money(row.taxableMinor)}</td>
                  <td className="numeric">{format.money(row.taxMinor)}</td>
                  <td>
                    <button
                      type="button"
                      onClick={() => {
                        download(row.section);
                      }}
                    >
                      {t('gstReturns.downloadCsv')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions">
            <button
              type="button"
              onClick={() => {
                download();
              }}
            >
              {t('gstReturns.downloadJson')}
            </button>
            <button
              type="button"
              onClick={() => {
                download('docs');
              }}
            >
              {t('gstReturns.downloadDocs')}
            </button>
          </div>
          <StepError error={downloadError} />
        </>
      )}
    </section>
  );
}
