import { useEffect, useState } from 'react';
import { debounceTime, startWith } from 'rxjs';
import { storeSuppliers, type StoreSupplier } from '../../db/party-queries';
import { useServices } from '../../services/terminal-services';

/** This store's active suppliers in name order, re-read as replication changes them. */
export function useStoreSuppliers(): StoreSupplier[] {
  const { db } = useServices();
  const [suppliers, setSuppliers] = useState<StoreSupplier[]>([]);
  useEffect(() => {
    let cancelled = false;
    const subscription = db.parties.eventBulks$
      .pipe(debounceTime(100), startWith(null))
      .subscribe(() => {
        void storeSuppliers(db).then((next) => {
          if (!cancelled) setSuppliers(next);
        });
      });
    return () => {
      cancelled = true;
      subscription.unsubscribe();
    };
  }, [db]);
  return suppliers;
}
