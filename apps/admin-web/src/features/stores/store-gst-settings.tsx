import { type StoreGstSettings, adminStoreSchema, validateGstin } from '@kiryana/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminStore } from '../../api/types';
import { useApi, useCan } from '../../auth/auth-context';
import { QueryStatus } from '../../ui/query-status';
import { GstSchemeChecks } from './gst-scheme-checks';
import { gstinProblem } from './gstin-problem';

/**
 * A store's GST registration (issue 19): GSTIN, legal name, composition scheme, e-invoicing.
 * Everyone who reaches the store sees it; whoever may change the store (HQ) edits it. The server
 * checks the same rules (the GSTIN's check character, its state, composition without
 * e-invoicing); the form checks them first so a typo is named before the round trip.
 */
export function StoreGstSettings({ store }: { store: AdminStore }) {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<StoreGstSettings>();
  const [problem, setProblem] = useState<'bad' | 'state' | null>(null);
  const save = useMutation({
    mutationFn: async (body: StoreGstSettings) =>
      adminStoreSchema.parse(
        await api.send('PUT', `/v1/admin/stores/${encodeURIComponent(store.id)}/gst`, body),
      ),
    onSuccess: async () => {
      setDraft(undefined);
      await queryClient.invalidateQueries({ queryKey: ['stores'] });
    },
  });
  const id = (field: string) => `store-${store.id}-${field}`;
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!draft) return;
    const found = gstinProblem(draft.gstin, store.stateCode);
    setProblem(found);
    if (found) return;
    const check = validateGstin(draft.gstin);
    save.mutate({ ...draft, gstin: check.ok ? check.gstin : draft.gstin });
  };

  if (!draft) {
    return (
      <div className="store-gst" data-testid={`store-gst-${store.code}`}>
        <p className="muted">
          {t('stores.gst.legalName')}: {store.legalName || t('stores.gst.noLegalName')}
        </p>
        <p>
          {store.composition && <span className="badge">{t('stores.gst.composition')}</span>}{' '}
          {store.einvoicing && <span className="badge">{t('stores.gst.einvoicing')}</span>}
        </p>
        {save.isSuccess && <p role="status">{t('stores.gst.saved')}</p>}
        {can('stores:write', { storeId: store.id, regionId: store.regionId }) && (
          <button
            type="button"
            onClick={() => {
              save.reset();
              setProblem(null);
              setDraft({
                gstin: store.gstin,
                legalName: store.legalName,
                composition: store.composition,
                einvoicing: store.einvoicing,
              });
            }}
          >
            {t('stores.gst.edit', { store: store.code })}
          </button>
        )}
      </div>
    );
  }
  return (
    <form className="form-grid store-gst" onSubmit={submit} aria-label={t('stores.gst.title')}>
      <label className="field" htmlFor={id('gstin')}>
        <span>GSTIN</span>
        <input
          id={id('gstin')}
          required
          maxLength={20}
          value={draft.gstin}
          aria-invalid={problem !== null}
          onChange={(e) => {
            setDraft({ ...draft, gstin: e.target.value });
          }}
        />
      </label>
      {problem && (
        <p role="alert">
          {problem === 'bad'
            ? t('stores.gst.gstinInvalid')
            : t('stores.gst.gstinState', { state: store.stateCode })}
        </p>
      )}
      <label className="field" htmlFor={id('legal-name')}>
        <span>{t('stores.gst.legalName')}</span>
        <input
          id={id('legal-name')}
          required
          maxLength={200}
          value={draft.legalName}
          onChange={(e) => {
            setDraft({ ...draft, legalName: e.target.value });
          }}
        />
      </label>
      <GstSchemeChecks
        id={id}
        value={draft}
        onChange={(scheme) => {
          setDraft({ ...draft, ...scheme });
        }}
      />
      <p className="muted">{t('stores.gst.help')}</p>
      <div>
        <button type="submit" disabled={save.isPending}>
          {t('common.save')}
        </button>{' '}
        <button
          type="button"
          onClick={() => {
            setDraft(undefined);
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
      <QueryStatus isPending={false} error={save.error} />
    </form>
  );
}
