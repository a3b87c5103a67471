import {
  GST_STATE_CODES,
  type StoreCreateInput,
  adminStoreSchema,
  storeCreateSchema,
  validateGstin,
} from '@kiryana/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Region } from '../../api/types';
import { useApi } from '../../auth/auth-context';
import { QueryStatus } from '../../ui/query-status';

type Draft = {
  code: string;
  nameEn: string;
  nameHi: string;
  stateCode: string;
  address: string;
  gstin: string;
  legalName: string;
  composition: boolean;
  einvoicing: boolean;
};

const EMPTY: Draft = {
  code: '',
  nameEn: '',
  nameHi: '',
  stateCode: '',
  address: '',
  gstin: '',
  legalName: '',
  composition: false,
  einvoicing: false,
};

/**
 * Opens a store in a region with its GST registration (issue 19), for HQ. The GSTIN is checked as
 * the server checks it (check character, of the chosen state) before anything is sent; the
 * server's other refusals (a code taken) are shown as it answers them.
 */
export function NewStoreForm({ region, onDone }: { region: Region; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problems, setProblems] = useState<string[]>([]);
  const hi = i18n.language === 'hi';
  const create = useMutation({
    mutationFn: async (body: StoreCreateInput) =>
      adminStoreSchema.parse(await api.send('POST', '/v1/admin/stores', body)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['stores'] });
      await queryClient.invalidateQueries({ queryKey: ['regions'] });
      onDone();
    },
  });
  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
  };
  const id = (field: string) => `new-store-${region.id}-${field}`;
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: string[] = [];
    const check = validateGstin(draft.gstin);
    if (!check.ok) found.push(t('stores.gst.gstinInvalid'));
    else if (check.stateCode !== draft.stateCode) {
      found.push(t('stores.gst.gstinState', { state: draft.stateCode }));
    }
    const parsed = storeCreateSchema.safeParse({
      ...draft,
      code: draft.code.trim().toUpperCase(),
      regionId: region.id,
      gstin: check.ok ? check.gstin : draft.gstin,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        if (issue.path[0] !== 'gstin') found.push(`${issue.path.join('.')}: ${issue.message}`);
    }
    setProblems(found);
    if (found.length === 0 && parsed.success) create.mutate(parsed.data);
  };
  const text = (field: 'code' | 'nameEn' | 'nameHi' | 'address' | 'gstin' | 'legalName') => (
    <label className="field" htmlFor={id(field)}>
      <span>{t(`stores.new.${field}`)}</span>
      <input
        id={id(field)}
        required={field !== 'nameHi' && field !== 'address'}
        maxLength={field === 'code' ? 8 : field === 'gstin' ? 20 : 200}
        value={draft[field]}
        onChange={(e) => {
          set(field, e.target.value);
        }}
      />
    </label>
  );
  return (
    <form
      className="form-grid"
      onSubmit={submit}
      aria-label={t('stores.new.title', { region: region.code })}
    >
      {text('code')}
      {text('nameEn')}
      {text('nameHi')}
      <label className="field" htmlFor={id('state')}>
        <span>{t('stores.new.state')}</span>
        <select
          id={id('state')}
          required
          value={draft.stateCode}
          onChange={(e) => {
            set('stateCode', e.target.value);
          }}
        >
          <option value="">{t('workflow.choose')}</option>
          {GST_STATE_CODES.map((s) => (
            <option key={s.code} value={s.code}>
              {s.code} · {hi ? s.name.hi : s.name.en}
            </option>
          ))}
        </select>
      </label>
      {text('address')}
      {text('gstin')}
      {text('legalName')}
      <label className="check" htmlFor={id('composition')}>
        <input
          id={id('composition')}
          type="checkbox"
          checked={draft.composition}
          onChange={(e) => {
            setDraft({
              ...draft,
              composition: e.target.checked,
              einvoicing: e.target.checked ? false : draft.einvoicing,
            });
          }}
        />
        <span>{t('stores.gst.compositionField')}</span>
      </label>
      <label className="check" htmlFor={id('einvoicing')}>
        <input
          id={id('einvoicing')}
          type="checkbox"
          checked={draft.einvoicing}
          disabled={draft.composition}
          onChange={(e) => {
            set('einvoicing', e.target.checked);
          }}
        />
        <span>{t('stores.gst.einvoicingField')}</span>
      </label>
      {problems.length > 0 && (
        <ul role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div>
        <button type="submit" disabled={create.isPending}>
          {t('stores.new.create')}
        </button>{' '}
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
      <QueryStatus isPending={false} error={create.error} />
    </form>
  );
}
