import {
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
import { GstSchemeChecks } from './gst-scheme-checks';
import { GstStateSelect } from './gst-state-select';
import { gstinProblem } from './gstin-problem';

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
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problems, setProblems] = useState<string[]>([]);
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
    const problem = gstinProblem(draft.gstin, draft.stateCode);
    if (problem === 'bad') found.push(t('stores.gst.gstinInvalid'));
    if (problem === 'state') found.push(t('stores.gst.gstinState', { state: draft.stateCode }));
    const check = validateGstin(draft.gstin);
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
      <GstStateSelect
        id={id('state')}
        label={t('stores.new.state')}
        value={draft.stateCode}
        onChange={(stateCode) => {
          set('stateCode', stateCode);
        }}
      />
      {text('address')}
      {text('gstin')}
      {text('legalName')}
      <GstSchemeChecks
        id={id}
        value={draft}
        onChange={(scheme) => {
          setDraft({ ...draft, ...scheme });
        }}
      />
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
