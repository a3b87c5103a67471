import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminStore, EnrolmentCode, FleetTerminal, Region } from '../../api/types';
import { useApi, useCan } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { QueryStatus } from '../../ui/query-status';
import { RegionEndpoints } from './region-endpoints';
import { NewStoreForm } from './new-store-form';
import { StoreGstSettings } from './store-gst-settings';
import { fleetQuery, regionsQuery, storesQuery } from './stores.queries';

/** Regions, their stores and each store's terminals: enrolment codes and revocation. */
export function StoresScreen() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const regions = useQuery(regionsQuery(api));
  const stores = useQuery(storesQuery(api));
  const fleet = useQuery(fleetQuery(api));
  const hi = i18n.language === 'hi';
  return (
    <section aria-labelledby="stores-title">
      <h1 id="stores-title">{t('stores.title')}</h1>
      <QueryStatus isPending={stores.isPending} error={stores.error ?? regions.error} />
      {(regions.data?.regions ?? []).map((region) => (
        <section key={region.id} aria-labelledby={`region-${region.id}`} className="region">
          <h2 id={`region-${region.id}`}>
            {region.code} · {hi && region.nameHi ? region.nameHi : region.nameEn}
          </h2>
          <RegionEndpoints region={region} />
          <NewStore region={region} />
          <ul className="cards">
            {(stores.data?.stores ?? [])
              .filter((s) => s.regionId === region.id)
              .map((store) => (
                <StoreCard
                  key={store.id}
                  store={store}
                  terminals={(fleet.data?.terminals ?? []).filter((d) => d.storeId === store.id)}
                />
              ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

/** HQ opens a store in the region (the button, then the form). */
function NewStore({ region }: { region: Region }) {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState(false);
  if (!can('stores:write', { regionId: region.id })) return null;
  if (open) {
    return (
      <NewStoreForm
        region={region}
        onDone={() => {
          setOpen(false);
        }}
      />
    );
  }
  return (
    <button
      type="button"
      onClick={() => {
        setOpen(true);
      }}
    >
      {t('stores.new.open', { region: region.code })}
    </button>
  );
}

function StoreCard({ store, terminals }: { store: AdminStore; terminals: FleetTerminal[] }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const can = useCan();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [issued, setIssued] = useState<EnrolmentCode>();
  const target = { storeId: store.id, regionId: store.regionId };
  const enrol = useMutation({
    mutationFn: () =>
      api.send<EnrolmentCode>(
        'POST',
        `/v1/admin/stores/${encodeURIComponent(store.id)}/enrolment-codes`,
      ),
    onSuccess: setIssued,
  });
  const revoke = useMutation({
    mutationFn: (deviceId: string) =>
      api.send('POST', `/v1/admin/devices/${encodeURIComponent(deviceId)}/revoke`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['fleet'] }),
  });
  const name = i18n.language === 'hi' && store.nameHi ? store.nameHi : store.nameEn;
  return (
    <li className="card" data-store={store.id}>
      <h3>
        {store.code} · {name}
      </h3>
      <p className="muted">
        {store.address} · GSTIN {store.gstin}
      </p>
      <StoreGstSettings store={store} />
      {can('devices:enroll', target) && (
        <button
          type="button"
          onClick={() => {
            enrol.mutate();
          }}
          disabled={enrol.isPending}
        >
          {t('stores.createCode')}
        </button>
      )}
      <QueryStatus isPending={false} error={enrol.error ?? revoke.error} />
      {issued && (
        <p role="status" className="code-box">
          {t('stores.codeIssued', { expires: format.dateTime(issued.expiresAt) })}{' '}
          <strong data-testid="enrolment-code">{issued.code}</strong>
        </p>
      )}
      <h4>{t('stores.terminals')}</h4>
      {terminals.length === 0 ? (
        <p className="muted">{t('stores.noTerminals')}</p>
      ) : (
        <ul className="terminals">
          {terminals.map((d) => (
            <li key={d.deviceId}>
              <span>
                {d.terminalCode} · {d.name} ·{' '}
                {d.status === 'active' ? t('stores.active') : t('stores.revoked')}
              </span>
              {d.status === 'active' && can('devices:revoke', target) && (
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    if (window.confirm(t('stores.confirmRevoke', { terminal: d.terminalCode }))) {
                      revoke.mutate(d.deviceId);
                    }
                  }}
                >
                  {t('stores.revoke', { terminal: d.terminalCode })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
