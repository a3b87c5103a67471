import { useEffect, useState } from 'react';
import { debounceTime, merge, startWith } from 'rxjs';
import { localWorkflow } from '../../db/workflow-queries';
import { useServices } from '../../services/terminal-services';
import type { LocalPurchaseOrder } from '../../db/local-purchase-order';
import type { LocalTransfer } from '../../db/local-transfer';

/** Transfers and POs of this store as the counter sees them, recomputed as rows or the outbox change. */
export function useLocalWorkflow(): {
  transfers: LocalTransfer[];
  purchaseOrders: LocalPurchaseOrder[];
  loaded: boolean;
} {
  const { db } = useServices();
  const [state, setState] = useState<{
    transfers: LocalTransfer[];
    purchaseOrders: LocalPurchaseOrder[];
    loaded: boolean;
  }>({ transfers: [], purchaseOrders: [], loaded: false });
  useEffect(() => {
    let cancelled = false;
    const subscription = merge(db.documents.eventBulks$, db.outbox.eventBulks$)
      .pipe(debounceTime(100), startWith(null))
      .subscribe(() => {
        void localWorkflow(db).then((next) => {
          if (!cancelled) setState({ ...next, loaded: true });
        });
      });
    return () => {
      cancelled = true;
      subscription.unsubscribe();
    };
  }, [db]);
  return state;
}
