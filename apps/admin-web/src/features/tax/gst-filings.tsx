import { gstFilingSchema } from '@kiryana/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useCan } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { QueryStatus } from '../../ui/query-status';
import { gstFilingsQuery } from './tax.queries';
import { taxErrorText } from './tax-error';

/**
 * The months whose GSTR-1 is filed, per GSTIN, and (gst:file) "mark filed" with the ARN the
 * portal gave. A filed month makes later rate changes reaching it ask for a reason.
 */
export function GstFilings() {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const format = useFormat();
  const queryClient = useQueryClient();
  const filings = useQuery(gstFilingsQuery(api));
  const [gstin, setGstin] = useState('');
  const [period, setPeriod] = useState('');
  const [arn, setArn] = useState('');
  const mark = useMutation({
    mutationFn: async () =>
      gstFilingSchema.parse(
        await api.send('POST', '/v1/admin/gst/filings', {
          gstin: gstin.trim().toUpperCase(),
          period,
          arn: arn.trim() === '' ? null : arn.trim(),
        }),
      ),
    onSuccess: async () => {
      setArn('');
      await queryClient.invalidateQueries({ queryKey: ['gst-filings'] });
    },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    mark.mutate();
  };
  return (
    <section aria-labelledby="gst-filings-title">
      <h2 id="gst-filings-title">{t('tax.filings.title')}</h2>
      <QueryStatus isPending={filings.isPending} error={filings.error} />
      <div className="table-wrap">
        <table aria-label={t('tax.filings.title')} data-testid="gst-filings">
          <thead>
            <tr>
              <th>{t('tax.filings.gstin')}</th>
              <th>{t('tax.filings.period')}</th>
              <th>{t('tax.filings.filedAt')}</th>
              <th>{t('tax.filings.filedBy')}</th>
              <th>{t('tax.filings.arn')}</th>
            </tr>
          </thead>
          <tbody>
            {(filings.data ?? []).map((f) => (
              <tr key={`${f.gstin}/${f.period}`}>
                <td>{f.gstin}</td>
                <td>{f.period}</td>
                <td>{format.dateTime(f.filedAt)}</td>
                <td>{f.filedBy}</td>
                <td>{f.arn ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {filings.data?.length === 0 && <p className="muted">{t('tax.filings.none')}</p>}
      {can('gst:file', 'global') && (
        <form className="form-grid" onSubmit={submit} aria-label={t('tax.filings.markFiled')}>
          <label className="field" htmlFor="filing-gstin">
            <span>{t('tax.filings.gstin')}</span>
            <input
              id="filing-gstin"
              required
              minLength={15}
              maxLength={15}
              value={gstin}
              onChange={(e) => {
                setGstin(e.target.value);
              }}
            />
          </label>
          <label className="field" htmlFor="filing-period">
            <span>{t('tax.filings.period')}</span>
            <input
              id="filing-period"
              type="month"
              required
              value={period}
              onChange={(e) => {
                setPeriod(e.target.value);
              }}
            />
          </label>
          <label className="field" htmlFor="filing-arn">
            <span>{t('tax.filings.arn')}</span>
            <input
              id="filing-arn"
              maxLength={40}
              value={arn}
              onChange={(e) => {
                setArn(e.target.value);
              }}
            />
          </label>
          {mark.error && (
            <p role="alert" className="error wide">
              {taxErrorText(t, mark.error)}
            </p>
          )}
          <div className="actions wide">
            <button type="submit" className="primary" disabled={mark.isPending}>
              {t('tax.filings.markFiled')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
