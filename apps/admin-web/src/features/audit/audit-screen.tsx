import { businessDate } from '@kiryana/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/types';
import { useApi, useCan } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { saveBlob } from '../../ui/download';
import { QueryStatus } from '../../ui/query-status';
import { VirtualTable } from '../../ui/virtual-table';
import { auditEntriesQuery, auditVerifyQuery } from './audit.queries';

const DAY_MS = 86_400_000;

/** The end of a period given as a date: the start of the next day (exclusive). */
function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+05:30`) + DAY_MS).toISOString();
}

/** The audit log of a period with filters, and whether the hash chains verify. */
export function AuditScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const format = useFormat();
  const today = businessDate(new Date());
  const [from, setFrom] = useState(businessDate(new Date(Date.now() - 6 * DAY_MS)));
  const [to, setTo] = useState(today);
  const [kind, setKind] = useState('');
  const [actor, setActor] = useState('');
  const [store, setStore] = useState('');
  const fromIso = new Date(Date.parse(`${from}T00:00:00+05:30`)).toISOString();
  const toIso = nextDay(to);
  const entries = useQuery(auditEntriesQuery(api, fromIso, toIso));
  const verify = useQuery({ ...auditVerifyQuery(api), enabled: can('audit:verify') });
  const all = useMemo(
    () =>
      (entries.data?.chains ?? [])
        .flatMap((c) => c.entries)
        .sort((a, b) => b.atMs - a.atMs || a.chain.localeCompare(b.chain)),
    [entries.data],
  );
  const kinds = [...new Set(all.map((e) => e.kind))].sort();
  const stores = [...new Set(all.flatMap((e) => (e.storeId ? [e.storeId] : [])))].sort();
  const shown = all.filter(
    (e) =>
      (kind === '' || e.kind === kind) &&
      (store === '' || e.storeId === store) &&
      (actor === '' || e.actor.toLowerCase().includes(actor.toLowerCase())),
  );
  return (
    <section aria-labelledby="audit-title">
      <div className="screen-head">
        <h1 id="audit-title">{t('audit.title')}</h1>
        {verify.data && (
          <p
            role="status"
            data-testid="chain-status"
            className={verify.data.ok ? 'ok-text' : 'warn-text'}
          >
            {verify.data.ok
              ? t('audit.verified', {
                  chains: format.number(verify.data.chains),
                  entries: format.number(verify.data.entries),
                })
              : t('audit.broken', {
                  chain: verify.data.breaks[0]?.chain ?? '',
                  seq: String(verify.data.breaks[0]?.seq ?? ''),
                })}
          </p>
        )}
        <QueryStatus isPending={false} error={verify.error} />
      </div>
      <div className="filters">
        <label className="field" htmlFor="audit-from">
          <span>{t('reports.from')}</span>
          <input
            id="audit-from"
            type="date"
            value={from}
            onChange={(e) => {
              setFrom(e.target.value);
            }}
          />
        </label>
        <label className="field" htmlFor="audit-to">
          <span>{t('reports.to')}</span>
          <input
            id="audit-to"
            type="date"
            value={to}
            onChange={(e) => {
              setTo(e.target.value);
            }}
          />
        </label>
        <label className="field" htmlFor="audit-kind">
          <span>{t('audit.kind')}</span>
          <select
            id="audit-kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
            }}
          >
            <option value="">{t('audit.allKinds')}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor="audit-store">
          <span>{t('common.store')}</span>
          <select
            id="audit-store"
            value={store}
            onChange={(e) => {
              setStore(e.target.value);
            }}
          >
            <option value="">{t('common.allStores')}</option>
            {stores.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor="audit-actor">
          <span>{t('audit.actor')}</span>
          <input
            id="audit-actor"
            type="search"
            value={actor}
            onChange={(e) => {
              setActor(e.target.value);
            }}
          />
        </label>
        <button
          type="button"
          onClick={() => {
            void api
              .download(
                `/v1/audit/export?${new URLSearchParams({ from: fromIso, to: toIso, format: 'csv' }).toString()}`,
              )
              .then((blob) => {
                saveBlob(blob, `audit-${from}-${to}.csv`);
              });
          }}
        >
          {t('common.exportCsv')}
        </button>
      </div>
      <QueryStatus isPending={entries.isPending} error={entries.error} />
      {entries.data && (
        <>
          <p role="status">
            {t('audit.count', {
              shown: format.number(shown.length),
              total: format.number(all.length),
            })}
          </p>
          <VirtualTable<AuditEntry>
            label={t('audit.title')}
            rows={shown}
            rowKey={(e) => `${e.chain}#${e.seq}`}
            columns={[
              {
                key: 'at',
                header: t('audit.at'),
                cell: (e) => format.dateTime(e.atMs),
                width: '11rem',
              },
              { key: 'kind', header: t('audit.kind'), cell: (e) => e.kind, width: '12rem' },
              { key: 'actor', header: t('audit.actor'), cell: (e) => e.actor, width: '1.5fr' },
              {
                key: 'store',
                header: t('common.store'),
                cell: (e) => e.storeId ?? '—',
                width: '6rem',
              },
              { key: 'subject', header: t('audit.subject'), cell: (e) => e.subject ?? '—' },
              {
                key: 'seq',
                header: t('audit.chain'),
                cell: (e) => `${e.chain} #${e.seq}`,
                width: '9rem',
              },
            ]}
          />
        </>
      )}
    </section>
  );
}
