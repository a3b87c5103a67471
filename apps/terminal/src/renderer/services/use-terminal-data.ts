import type { Store } from '@kiryana/shared';
import { useMemo } from 'react';
import { map } from 'rxjs';
import type { Stored } from '../db/schemas';
import { DEFAULT_SETTINGS, watchSettings, type Settings } from '../settings/settings';
import { useServices } from './terminal-services';
import { useObservable } from './use-observable';

/** The terminal settings, live. */
export function useSettings(): Settings {
  const { db } = useServices();
  const settings$ = useMemo(() => watchSettings(db), [db]);
  return useObservable(settings$, undefined) ?? DEFAULT_SETTINGS;
}

/** The bound store's document, live; undefined until it has been pulled. */
export function useStore(): Stored<Store> | undefined {
  const { db, credential } = useServices();
  const store$ = useMemo(
    () =>
      db.stores
        .findOne(credential.storeId)
        .$.pipe(map((doc) => (doc === null ? undefined : (doc.toJSON() as Stored<Store>)))),
    [db, credential.storeId],
  );
  return useObservable(store$, undefined);
}

/** A number that changes whenever the catalogue does (for memoised lookups). */
export function useCatalogueVersion(): number {
  const { catalogue } = useServices();
  return useObservable(catalogue.version$, 0);
}
