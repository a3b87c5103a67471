import { formatNumber, parseMinorUnits } from '@kiryana/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/api-error';
import type { Product, ProductInput, Unit } from '../../api/types';
import { useApi } from '../../auth/auth-context';
import { QueryStatus } from '../../ui/query-status';
import { catalogueOptionsQuery, productQuery } from './catalogue.queries';

/** Creates a product, or edits the one in the path (HQ only: the route checks catalogue:write). */
export function ProductEditScreen() {
  const { productId } = useParams();
  const api = useApi();
  const existing = useQuery({ ...productQuery(api, productId ?? ''), enabled: Boolean(productId) });
  if (productId && !existing.data) {
    return <QueryStatus isPending={existing.isPending} error={existing.error} />;
  }
  return <ProductForm product={existing.data?.product} />;
}

type Draft = Record<
  'sku' | 'nameEn' | 'nameHi' | 'barcodes' | 'hsn' | 'taxClassId' | 'category' | 'mrp' | 'reorder',
  string
> & {
  unit: Unit;
  soldLoose: boolean;
  active: boolean;
};

function draftOf(product: Product | undefined): Draft {
  return {
    sku: product?.sku ?? '',
    nameEn: product?.nameEn ?? '',
    nameHi: product?.nameHi ?? '',
    barcodes: product?.barcodes.join(' ') ?? '',
    hsn: product?.hsn ?? '',
    taxClassId: product?.taxClassId ?? '',
    category: product?.category ?? '',
    mrp: product ? formatNumber(product.mrpMinor, { scale: 2, useGrouping: false }) : '',
    reorder: String(product?.reorderLevelBase ?? 0),
    unit: product?.unit ?? 'piece',
    soldLoose: product?.soldLoose ?? false,
    active: product?.active ?? true,
  };
}

function ProductForm({ product }: { product: Product | undefined }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const options = useQuery(catalogueOptionsQuery(api));
  const [draft, setDraft] = useState<Draft>(() => draftOf(product));
  const [mrpInvalid, setMrpInvalid] = useState(false);
  const save = useMutation({
    mutationFn: (input: ProductInput) =>
      product
        ? api.send<Product>('PUT', `/v1/admin/products/${encodeURIComponent(product.id)}`, input)
        : api.send<Product>('POST', '/v1/admin/products', input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['products'] });
      await queryClient.invalidateQueries({ queryKey: ['product'] });
      await navigate('/catalogue');
    },
  });
  const set = (field: keyof Draft) => (value: string | boolean) => {
    setDraft((d) => ({ ...d, [field]: value }));
  };
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    let mrpMinor: number;
    try {
      mrpMinor = parseMinorUnits(draft.mrp);
      setMrpInvalid(false);
    } catch {
      setMrpInvalid(true);
      return;
    }
    save.mutate({
      sku: draft.sku.trim(),
      nameEn: draft.nameEn.trim(),
      nameHi: draft.nameHi.trim(),
      barcodes: draft.barcodes.split(/[\s,|]+/).filter((b) => b !== ''),
      hsn: draft.hsn.trim(),
      taxClassId: draft.taxClassId,
      category: draft.category.trim(),
      unit: draft.unit,
      soldLoose: draft.soldLoose,
      mrpMinor,
      reorderLevelBase: Number.parseInt(draft.reorder, 10) || 0,
      active: draft.active,
    });
  };
  const fieldErrors =
    save.error instanceof ApiError
      ? ((save.error.details as { fields?: { path: string; message: string }[] } | undefined)
          ?.fields ?? [])
      : [];
  const text = (
    field: keyof Draft,
    key: string,
    extra: { required?: boolean; lang?: string } = {},
  ) => (
    <label className="field" htmlFor={`product-${field}`}>
      <span>{t(key)}</span>
      <input
        id={`product-${field}`}
        value={draft[field] as string}
        required={extra.required}
        lang={extra.lang}
        onChange={(e) => {
          set(field)(e.target.value);
        }}
      />
    </label>
  );
  return (
    <section aria-labelledby="product-form-title">
      <h1 id="product-form-title">
        {product ? t('catalogue.editTitle') : t('catalogue.newProduct')}
      </h1>
      <form className="form-grid" onSubmit={submit}>
        {text('sku', 'catalogue.sku', { required: true })}
        {text('nameEn', 'catalogue.nameEn', { required: true })}
        {text('nameHi', 'catalogue.nameHi', { lang: 'hi' })}
        {text('barcodes', 'catalogue.barcodes')}
        {text('hsn', 'catalogue.hsn', { required: true })}
        <label className="field" htmlFor="product-taxClassId">
          <span>{t('catalogue.taxClass')}</span>
          <select
            id="product-taxClassId"
            value={draft.taxClassId}
            required
            onChange={(e) => {
              set('taxClassId')(e.target.value);
            }}
          >
            <option value="">—</option>
            {(options.data?.taxClasses ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.id} · {c.description}
              </option>
            ))}
          </select>
        </label>
        {text('category', 'catalogue.category', { required: true })}
        <label className="field" htmlFor="product-unit">
          <span>{t('catalogue.unit')}</span>
          <select
            id="product-unit"
            value={draft.unit}
            onChange={(e) => {
              set('unit')(e.target.value);
            }}
          >
            {(['piece', 'g', 'ml'] as const).map((u) => (
              <option key={u} value={u}>
                {t(`units.name.${u}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor="product-mrp">
          <span>{t('catalogue.mrp')}</span>
          <input
            id="product-mrp"
            inputMode="decimal"
            value={draft.mrp}
            required
            aria-invalid={mrpInvalid}
            onChange={(e) => {
              set('mrp')(e.target.value);
            }}
          />
        </label>
        {text('reorder', 'catalogue.reorderLevel')}
        <label className="check">
          <input
            type="checkbox"
            checked={draft.soldLoose}
            onChange={(e) => {
              set('soldLoose')(e.target.checked);
            }}
          />
          {t('catalogue.soldLoose')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.active}
            onChange={(e) => {
              set('active')(e.target.checked);
            }}
          />
          {t('catalogue.active')}
        </label>
        {mrpInvalid && <p role="alert">{t('prices.invalidAmount')}</p>}
        {fieldErrors.length > 0 && (
          <ul role="alert" className="error">
            {fieldErrors.map((f) => (
              <li key={f.path}>
                {f.path}: {f.message}
              </li>
            ))}
          </ul>
        )}
        <QueryStatus isPending={false} error={fieldErrors.length > 0 ? undefined : save.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('common.save')}
          </button>
          <button
            type="button"
            onClick={() => {
              void navigate('/catalogue');
            }}
          >
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
