import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import { HsnPrefixesForm } from './hsn-prefixes-form';
import { RateChangeForm } from './rate-change-form';
import type { TaxClass } from './tax.queries';

/**
 * One tax class: its HSN prefixes, how many products use it, and its rate history as a timeline
 * (newest first, each row with the dates it is in force). HQ (tax:write) may change the rate from
 * a date and edit the prefixes; others only read.
 */
export function TaxClassCard({ taxClass, canWrite }: { taxClass: TaxClass; canWrite: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState<'rate' | 'class' | null>(null);
  const titleId = `tax-class-${taxClass.taxClassId}`;
  return (
    <article className="card" aria-labelledby={titleId} data-tax-class={taxClass.taxClassId}>
      <h2 id={titleId}>
        {taxClass.description} <code>{taxClass.taxClassId}</code>
      </h2>
      <p className="muted">
        {t('tax.productCount', { n: format.number(taxClass.productCount) })} ·{' '}
        {taxClass.hsnPrefixes.length === 0
          ? t('tax.anyHsn')
          : t('tax.hsnOnly', { prefixes: taxClass.hsnPrefixes.join(', ') })}
      </p>
      <ol className="timeline" aria-label={t('tax.history', { name: taxClass.description })}>
        {taxClass.rates.map((r) => (
          <li key={r.id} data-rate-id={r.id}>
            <strong>
              {r.effectiveTo
                ? t('tax.between', {
                    from: format.date(r.effectiveFrom),
                    to: format.date(r.effectiveTo),
                  })
                : t('tax.since', { from: format.date(r.effectiveFrom) })}
            </strong>
            {': '}
            {t('tax.rateLine', { rate: format.rate(r.rateBp), cess: format.rate(r.cessBp) })}
            {r.cessSpecificMinor > 0 &&
              ` · ${t('tax.specificLine', {
                amount: format.money(r.cessSpecificMinor),
                qty: format.number(r.cessSpecificPerQty),
              })}`}
            <br />
            <span className="muted">{r.description}</span>
          </li>
        ))}
        {taxClass.rates.length === 0 && <li>{t('tax.noRates')}</li>}
      </ol>
      {canWrite && open === null && (
        <div className="actions">
          <button
            type="button"
            className="primary"
            onClick={() => {
              setOpen('rate');
            }}
          >
            {t('tax.changeRate')}
          </button>
          <button
            type="button"
            onClick={() => {
              setOpen('class');
            }}
          >
            {t('tax.editClass')}
          </button>
        </div>
      )}
      {canWrite && open === 'rate' && (
        <RateChangeForm
          taxClassId={taxClass.taxClassId}
          onDone={() => {
            setOpen(null);
          }}
        />
      )}
      {canWrite && open === 'class' && (
        <HsnPrefixesForm
          taxClassId={taxClass.taxClassId}
          description={taxClass.description}
          hsnPrefixes={taxClass.hsnPrefixes}
          onDone={() => {
            setOpen(null);
          }}
        />
      )}
    </article>
  );
}
