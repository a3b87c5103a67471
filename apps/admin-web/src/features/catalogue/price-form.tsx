import { parseMinorUnits } from '@kiryana/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Price, Product } from '../../api/types';
import { useApi, useCan } from '../../auth/auth-context';
import { QueryStatus } from '../../ui/query-status';
import { regionsQuery, storesQuery } from '../stores/stores.queries';

type Level = Price['level'];

/** Sets a price at a level the actor holds prices:write for: HQ list, a region's list, a store. */
export function PriceForm({ product }: { product: Product }) {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const queryClient = useQueryClient();
  const regions = useQuery(regionsQuery(api)).data?.regions ?? [];
  const stores = useQuery(storesQuery(api)).data?.stores ?? [];
  const levels: Level[] = [
    ...(can('prices:write', 'global') ? (['hq'] as const) : []),
    ...(regions.some((r) => can('prices:write', { regionId: r.id })) ? (['region'] as const) : []),
    ...(stores.some((s) => can('prices:write', { storeId: s.id, regionId: s.regionId }))
      ? (['store'] as const)
      : []),
  ];
  const [level, setLevel] = useState<Level | ''>('');
  const [where, setWhere] = useState('');
  const [amount, setAmount] = useState('');
  const [invalid, setInvalid] = useState(false);
  const chosen = level || levels[0];
  const save = useMutation({
    mutationFn: (body: object) => api.send<Price>('PUT', '/v1/admin/prices', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['product', product.id] }),
  });
  if (!chosen) return null;
  const places =
    chosen === 'region'
      ? regions
          .filter((r) => can('prices:write', { regionId: r.id }))
          .map((r) => ({ id: r.id, label: r.code }))
      : chosen === 'store'
        ? stores
            .filter((s) => can('prices:write', { storeId: s.id, regionId: s.regionId }))
            .map((s) => ({ id: s.id, label: s.code }))
        : [];
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    let priceMinor: number;
    try {
      priceMinor = parseMinorUnits(amount);
    } catch {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    const place = where || places[0]?.id;
    save.mutate({
      productId: product.id,
      level: chosen,
      priceMinor,
      ...(chosen === 'region' ? { regionId: place } : {}),
      ...(chosen === 'store' ? { storeId: place } : {}),
    });
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-labelledby="price-form-title">
      <h4 id="price-form-title">{t('prices.set')}</h4>
      <label className="field" htmlFor="price-level">
        <span>{t('prices.level')}</span>
        <select
          id="price-level"
          value={chosen}
          onChange={(e) => {
            setLevel(e.target.value as Level);
            setWhere('');
          }}
        >
          {levels.map((l) => (
            <option key={l} value={l}>
              {t(`prices.levels.${l}`)}
            </option>
          ))}
        </select>
      </label>
      {places.length > 0 && (
        <label className="field" htmlFor="price-where">
          <span>{chosen === 'region' ? t('prices.region') : t('common.store')}</span>
          <select
            id="price-where"
            value={where || places[0]?.id}
            onChange={(e) => {
              setWhere(e.target.value);
            }}
          >
            {places.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field" htmlFor="price-amount">
        <span>{t('prices.price')}</span>
        <input
          id="price-amount"
          inputMode="decimal"
          value={amount}
          aria-invalid={invalid}
          onChange={(e) => {
            setAmount(e.target.value);
          }}
        />
      </label>
      {invalid && <p role="alert">{t('prices.invalidAmount')}</p>}
      <button type="submit" className="primary" disabled={save.isPending}>
        {t('common.save')}
      </button>
      <QueryStatus isPending={false} error={save.error} />
    </form>
  );
}
