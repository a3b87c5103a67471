import {
  type Supplier,
  type SupplierInput,
  formatNumber,
  parseMinorUnits,
  supplierInputSchema,
  supplierSchema,
  validateGstin,
} from '@kiryana/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/api-error';
import { useApi, useCan } from '../../auth/auth-context';
import { FormActions } from '../../ui/form-actions';
import { QueryStatus } from '../../ui/query-status';
import { GstStateSelect } from '../stores/gst-state-select';
import { regionsQuery, storesQuery } from '../stores/stores.queries';
import { skuAndName } from '../transfers/product-label';
import { ProductPicker } from '../transfers/product-picker';
import { RemoveLineButton } from '../transfers/remove-line-button';
import { ProductName } from './product-name';
import { supplierQuery } from './suppliers.queries';

/** Creates a supplier, or edits the one in the path (the route checks suppliers:write). */
export function SupplierEditScreen() {
  const { supplierId } = useParams();
  const api = useApi();
  const existing = useQuery({
    ...supplierQuery(api, supplierId ?? ''),
    enabled: Boolean(supplierId),
  });
  if (supplierId && !existing.data) {
    return <QueryStatus isPending={existing.isPending} error={existing.error} />;
  }
  return <SupplierForm supplier={existing.data} />;
}

/** `label` is '' for a saved product (named from the catalogue), the picked name otherwise. */
type ProductDraft = { productId: string; label: string; unit: string; pack: string; cost: string };

type Draft = {
  name: string;
  gstin: string;
  stateCode: string;
  paymentTermsDays: string;
  leadTimeDays: string;
  regionId: string;
  storeIds: string[];
  products: ProductDraft[];
  active: boolean;
};

function draftOf(s: Supplier | undefined): Draft {
  return {
    name: s?.name ?? '',
    gstin: s?.gstin ?? '',
    stateCode: s?.stateCode ?? '',
    paymentTermsDays: String(s?.paymentTermsDays ?? 30),
    leadTimeDays: String(s?.leadTimeDays ?? 3),
    regionId: s?.regionId ?? '',
    storeIds: [...(s?.storeIds ?? [])],
    active: s?.active ?? true,
    products: (s?.products ?? []).map((p) => ({
      productId: p.productId,
      label: '',
      unit: p.orderUnitName,
      pack: String(p.baseUnitsPerOrderUnit),
      cost:
        p.lastCostMinorPerOrderUnit === null
          ? ''
          : formatNumber(p.lastCostMinorPerOrderUnit, { scale: 2, useGrouping: false }),
    })),
  };
}

/** The GSTIN check as typed: nothing while empty, else validateGstin's verdict and the state. */
function gstinProblem(gstin: string, stateCode: string): 'bad' | 'state' | null {
  if (gstin.trim() === '') return null;
  const check = validateGstin(gstin);
  if (!check.ok) return 'bad';
  return stateCode !== '' && check.stateCode !== stateCode ? 'state' : null;
}

function SupplierForm({ supplier }: { supplier: Supplier | undefined }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const regions = useQuery(regionsQuery(api));
  const stores = useQuery(storesQuery(api));
  const [draft, setDraft] = useState<Draft>(() => draftOf(supplier));
  const [problems, setProblems] = useState<string[]>([]);
  const chainWide = can('suppliers:write', 'global');
  const hi = i18n.language === 'hi';
  const save = useMutation({
    mutationFn: async (input: SupplierInput) =>
      supplierSchema.parse(
        supplier
          ? await api.send(
              'PUT',
              `/v1/admin/suppliers/${encodeURIComponent(supplier.supplierId)}`,
              // Retiring a supplier (active false) is a change of the saved one only.
              { ...input, active: draft.active },
            )
          : await api.send('POST', '/v1/admin/suppliers', input),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['suppliers'] });
      await queryClient.invalidateQueries({ queryKey: ['supplier'] });
      await navigate('/suppliers');
    },
  });
  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
  };
  const setProduct = (i: number, patch: Partial<ProductDraft>) => {
    set(
      'products',
      draft.products.map((p, j) => (j === i ? { ...p, ...patch } : p)),
    );
  };
  const gstin = gstinProblem(draft.gstin, draft.stateCode);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: string[] = [];
    const products = draft.products.map((p) => {
      let cost: number | null = null;
      if (p.cost.trim() !== '') {
        try {
          cost = parseMinorUnits(p.cost);
        } catch {
          found.push(t('suppliers.badCost', { product: p.label || p.productId }));
        }
      }
      return {
        productId: p.productId,
        orderUnitName: p.unit.trim(),
        baseUnitsPerOrderUnit: Number(p.pack),
        lastCostMinorPerOrderUnit: cost,
      };
    });
    const gstinText = draft.gstin.trim();
    const check = gstinText === '' ? null : validateGstin(gstinText);
    const parsed = supplierInputSchema.safeParse({
      name: draft.name,
      gstin: check?.ok ? check.gstin : gstinText === '' ? null : gstinText,
      stateCode: draft.stateCode,
      paymentTermsDays: Number(draft.paymentTermsDays),
      leadTimeDays: Number(draft.leadTimeDays),
      regionId: draft.regionId === '' ? null : draft.regionId,
      storeIds: draft.storeIds,
      products,
    });
    if (gstin) found.push(t(gstin === 'bad' ? 'suppliers.gstinInvalid' : 'suppliers.gstinState'));
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        if (issue.path[0] !== 'gstin') found.push(`${issue.path.join('.')}: ${issue.message}`);
    }
    setProblems(found);
    if (found.length === 0 && parsed.success) save.mutate(parsed.data);
  };
  const fieldErrors =
    save.error instanceof ApiError
      ? ((save.error.details as { fields?: { path: string; message: string }[] } | undefined)
          ?.fields ?? [])
      : [];
  const number = (field: 'paymentTermsDays' | 'leadTimeDays', key: string) => (
    <label className="field" htmlFor={`supplier-${field}`}>
      <span>{t(key)}</span>
      <input
        id={`supplier-${field}`}
        type="number"
        min={0}
        max={365}
        required
        value={draft[field]}
        onChange={(e) => {
          set(field, e.target.value);
        }}
      />
    </label>
  );
  return (
    <section aria-labelledby="supplier-form-title">
      <h1 id="supplier-form-title">{supplier ? t('suppliers.editTitle') : t('suppliers.new')}</h1>
      <form className="form-grid" onSubmit={submit}>
        <label className="field" htmlFor="supplier-name">
          <span>{t('suppliers.name')}</span>
          <input
            id="supplier-name"
            required
            maxLength={200}
            value={draft.name}
            onChange={(e) => {
              set('name', e.target.value);
            }}
          />
        </label>
        <GstStateSelect
          id="supplier-state"
          label={t('suppliers.state')}
          value={draft.stateCode}
          onChange={(stateCode) => {
            set('stateCode', stateCode);
          }}
        />
        <label className="field" htmlFor="supplier-gstin">
          <span>{t('suppliers.gstin')}</span>
          <input
            id="supplier-gstin"
            maxLength={15}
            value={draft.gstin}
            aria-invalid={gstin !== null}
            aria-describedby="supplier-gstin-check"
            onChange={(e) => {
              set('gstin', e.target.value);
            }}
          />
        </label>
        <p id="supplier-gstin-check" className={gstin ? 'error' : 'muted'}>
          {gstin === 'bad'
            ? t('suppliers.gstinInvalid')
            : gstin === 'state'
              ? t('suppliers.gstinState')
              : t('suppliers.gstinHint')}
        </p>
        {number('paymentTermsDays', 'suppliers.paymentTermsDays')}
        {number('leadTimeDays', 'suppliers.leadTimeDays')}
        <label className="field" htmlFor="supplier-region">
          <span>{t('suppliers.keptBy')}</span>
          <select
            id="supplier-region"
            value={draft.regionId}
            required={!chainWide}
            onChange={(e) => {
              set('regionId', e.target.value);
            }}
          >
            {chainWide ? (
              <option value="">{t('suppliers.chainWide')}</option>
            ) : (
              <option value="">{t('workflow.choose')}</option>
            )}
            {(regions.data?.regions ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.code} · {hi && r.nameHi ? r.nameHi : r.nameEn}
              </option>
            ))}
          </select>
        </label>
        {supplier && (
          <label className="check">
            <input
              type="checkbox"
              checked={draft.active}
              onChange={(e) => {
                set('active', e.target.checked);
              }}
            />
            {t('suppliers.active')}
          </label>
        )}
        <div className="wide stack">
          <fieldset>
            <legend>{t('suppliers.stores')}</legend>
            {(stores.data?.stores ?? []).map((s) => (
              <label key={s.id} className="check">
                <input
                  type="checkbox"
                  checked={draft.storeIds.includes(s.id)}
                  onChange={(e) => {
                    set(
                      'storeIds',
                      e.target.checked
                        ? [...draft.storeIds, s.id]
                        : draft.storeIds.filter((id) => id !== s.id),
                    );
                  }}
                />
                {s.code} · {hi && s.nameHi ? s.nameHi : s.nameEn}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('suppliers.products')}</legend>
            <ProductPicker
              id="supplier-product"
              exclude={new Set(draft.products.map((p) => p.productId))}
              onPick={(p) => {
                set('products', [
                  ...draft.products,
                  {
                    productId: p.id,
                    label: skuAndName(p, hi),
                    unit: t('suppliers.defaultUnit'),
                    pack: '1',
                    cost: '',
                  },
                ]);
              }}
            />
            <table className="lines-table" aria-label={t('suppliers.products')}>
              <thead>
                <tr>
                  <th>{t('workflow.product')}</th>
                  <th>{t('workflow.orderUnit')}</th>
                  <th className="num">{t('workflow.packSize')}</th>
                  <th className="num">{t('suppliers.lastCost')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {draft.products.map((p, i) => (
                  <tr key={p.productId}>
                    <td>{p.label || <ProductName productId={p.productId} />}</td>
                    <td>
                      <input
                        aria-label={t('workflow.orderUnitOf', { product: p.label || p.productId })}
                        maxLength={20}
                        value={p.unit}
                        onChange={(e) => {
                          setProduct(i, { unit: e.target.value });
                        }}
                      />
                    </td>
                    <td className="num">
                      <input
                        aria-label={t('workflow.packSizeOf', { product: p.label || p.productId })}
                        inputMode="numeric"
                        value={p.pack}
                        onChange={(e) => {
                          setProduct(i, { pack: e.target.value });
                        }}
                      />
                    </td>
                    <td className="num">
                      <input
                        aria-label={t('suppliers.lastCostOf', { product: p.label || p.productId })}
                        inputMode="decimal"
                        value={p.cost}
                        onChange={(e) => {
                          setProduct(i, { cost: e.target.value });
                        }}
                      />
                    </td>
                    <td>
                      <RemoveLineButton
                        onRemove={() => {
                          set(
                            'products',
                            draft.products.filter((_, j) => j !== i),
                          );
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </fieldset>
          {[...problems, ...fieldErrors.map((f) => `${f.path}: ${f.message}`)].length > 0 && (
            <ul role="alert" className="error">
              {[...problems, ...fieldErrors.map((f) => `${f.path}: ${f.message}`)].map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          <QueryStatus isPending={false} error={fieldErrors.length > 0 ? undefined : save.error} />
          <FormActions
            submitLabel={t('common.save')}
            pending={save.isPending}
            cancelTo="/suppliers"
          />
        </div>
      </form>
    </section>
  );
}
