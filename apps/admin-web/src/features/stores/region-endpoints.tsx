import { regionSyncEndpointsSchema } from '@kiryana/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Region } from '../../api/types';
import { useApi, useCan } from '../../auth/auth-context';
import { QueryStatus } from '../../ui/query-status';
import { regionEndpointsQuery } from './region-endpoints.queries';

/** Most endpoints a region may list (the server's schema says the same). */
const MAX_ENDPOINTS = 8;

/**
 * A region's sync endpoints (issue 20): the servers its terminals fail over between, in order,
 * the region's own first. Whoever reaches the region sees them; HQ edits them. Terminals already
 * in stores take a changed list with their next health report, new ones at enrolment.
 */
export function RegionEndpoints({ region }: { region: Region }) {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const queryClient = useQueryClient();
  const query = regionEndpointsQuery(api, region.id);
  const current = useQuery(query);
  /** The list being edited; undefined while only showing. */
  const [draft, setDraft] = useState<string[]>();
  const [adding, setAdding] = useState('');
  const [invalid, setInvalid] = useState(false);
  const save = useMutation({
    mutationFn: (endpoints: string[]) =>
      api.send<{ regionId: string; endpoints: string[] }>(
        'PUT',
        `/v1/admin/regions/${encodeURIComponent(region.id)}/sync-endpoints`,
        { endpoints },
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(query.queryKey, saved);
      setDraft(undefined);
    },
  });
  const list = draft ?? current.data?.endpoints ?? [];
  const titleId = `endpoints-${region.id}`;

  const add = (event: SyntheticEvent) => {
    event.preventDefault();
    const candidate = adding.trim().replace(/\/+$/, '');
    // The server's own rule (an origin, no path, no repeats), checked before the round trip.
    const valid = regionSyncEndpointsSchema.safeParse({ endpoints: [...list, candidate] }).success;
    setInvalid(!valid);
    if (!valid) return;
    setDraft([...list, candidate]);
    setAdding('');
  };
  const moveUp = (index: number) => {
    const next = [...list];
    const [moved] = next.splice(index, 1);
    if (moved !== undefined) next.splice(index - 1, 0, moved);
    setDraft(next);
  };

  return (
    <section className="region-endpoints" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('regionEndpoints.title')}</h3>
      <p className="muted">{t('regionEndpoints.help')}</p>
      <QueryStatus isPending={current.isPending} error={current.error} />
      {current.isSuccess && list.length === 0 && <p>{t('regionEndpoints.none')}</p>}
      {list.length > 0 && (
        <ol>
          {list.map((endpoint, index) => (
            <li key={endpoint} data-endpoint={endpoint}>
              <code>{endpoint}</code>
              {index === 0 && <span className="badge"> {t('regionEndpoints.home')}</span>}
              {draft !== undefined && (
                <>
                  {index > 0 && (
                    <button
                      type="button"
                      aria-label={t('regionEndpoints.moveUp', { endpoint })}
                      onClick={() => {
                        moveUp(index);
                      }}
                    >
                      ↑
                    </button>
                  )}
                  <button
                    type="button"
                    aria-label={t('regionEndpoints.remove', { endpoint })}
                    onClick={() => {
                      setDraft(list.filter((_, i) => i !== index));
                    }}
                  >
                    ✕
                  </button>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {draft === undefined && current.isSuccess && can('stores:write', { regionId: region.id }) && (
        <button
          type="button"
          onClick={() => {
            save.reset();
            setDraft([...list]);
          }}
        >
          {t('regionEndpoints.edit', { region: region.code })}
        </button>
      )}
      {draft !== undefined && (
        <>
          {list.length < MAX_ENDPOINTS && (
            <form className="inline-form" onSubmit={add}>
              <label className="field" htmlFor={`${titleId}-add`}>
                {t('regionEndpoints.address')}
                <input
                  id={`${titleId}-add`}
                  type="url"
                  placeholder="https://sync-north.example.in"
                  value={adding}
                  onChange={(event) => {
                    setAdding(event.target.value);
                  }}
                />
              </label>
              <button type="submit">{t('regionEndpoints.add')}</button>
            </form>
          )}
          {invalid && <p role="alert">{t('regionEndpoints.invalid')}</p>}
          <button
            type="button"
            disabled={save.isPending}
            onClick={() => {
              save.mutate(draft);
            }}
          >
            {t('common.save')}
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(undefined);
              setInvalid(false);
            }}
          >
            {t('common.cancel')}
          </button>
          <QueryStatus isPending={false} error={save.error} />
        </>
      )}
      {save.isSuccess && draft === undefined && <p role="status">{t('regionEndpoints.saved')}</p>}
    </section>
  );
}
