import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useCan } from '../../auth/auth-context';
import { QueryStatus } from '../../ui/query-status';
import { GstFilings } from './gst-filings';
import { NewTaxClassForm } from './new-tax-class-form';
import { TaxClassCard } from './tax-class-card';
import { taxClassesQuery } from './tax.queries';

/**
 * "Tax rates" (HQ): the GST schedule as data. Every class with its rate history; HQ changes a rate
 * from a date (terminals pull the new row) and keeps the HSN prefixes; below, the GSTR-1 months
 * marked filed.
 */
export function TaxRatesScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const classes = useQuery(taxClassesQuery(api));
  const canWrite = can('tax:write', 'global');
  const [adding, setAdding] = useState(false);
  return (
    <section aria-labelledby="tax-title">
      <div className="screen-head">
        <h1 id="tax-title">{t('tax.title')}</h1>
        <div className="actions">
          {canWrite && !adding && (
            <button
              type="button"
              className="primary"
              onClick={() => {
                setAdding(true);
              }}
            >
              {t('tax.newClass')}
            </button>
          )}
        </div>
      </div>
      <p className="muted">{t('tax.intro')}</p>
      {adding && (
        <NewTaxClassForm
          onDone={() => {
            setAdding(false);
          }}
        />
      )}
      <QueryStatus isPending={classes.isPending} error={classes.error} />
      <div className="cards" data-testid="tax-classes">
        {(classes.data ?? []).map((c) => (
          <TaxClassCard key={c.taxClassId} taxClass={c} canWrite={canWrite} />
        ))}
      </div>
      <GstFilings />
    </section>
  );
}
