import type { Permission } from '@kiryana/shared';
import { useQuery } from '@tanstack/react-query';
import { useApi, useCan } from '../../auth/auth-context';
import { storesQuery } from '../stores/stores.queries';

/**
 * Whether the actor may do something at every one of some stores, decided by the shared `can` on
 * each store with its region. A store outside the actor's list (the far end of a transfer in
 * another region) is judged by the permission anywhere; the server decides for real either way.
 */
export function useCanAtStores(): (permission: Permission, storeIds: readonly string[]) => boolean {
  const api = useApi();
  const can = useCan();
  const stores = useQuery(storesQuery(api));
  return (permission, storeIds) =>
    can(permission) &&
    storeIds.every((storeId) => {
      const store = stores.data?.stores.find((s) => s.id === storeId);
      return store ? can(permission, { storeId, regionId: store.regionId }) : true;
    });
}
