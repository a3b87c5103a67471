import { useEffect, useState } from 'react';
import { debounceTime, merge, startWith } from 'rxjs';
import { useServices } from '../../services/terminal-services';
import { counterStock, type CounterStock } from '../../db/stock-queries';

/** Counter stock of every product with a level or unsynced facts, recomputed as data changes. */
export function useCounterStock(): CounterStock[] {
  const { db, credential } = useServices();
  const [stock, setStock] = useState<CounterStock[]>([]);
  useEffect(() => {
    let cancelled = false;
    // Documents too: a pulled transfer or PO row changes what pending steps still add.
    const subscription = merge(
      db['stock-levels'].eventBulks$,
      db.outbox.eventBulks$,
      db.documents.eventBulks$,
    )
      .pipe(debounceTime(200), startWith(null))
      .subscribe(() => {
        void counterStock(db, credential.storeId).then((next) => {
          if (!cancelled) setStock(next);
        });
      });
    return () => {
      cancelled = true;
      subscription.unsubscribe();
    };
  }, [db, credential.storeId]);
  return stock;
}
