import { businessDate, INDIA_TIME_ZONE, type Sale } from '@kiryana/shared';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
} from 'react';
import { measureSince, PERF_MEASURES } from '../../ui/perf-measures';
import { useServices } from '../../services/terminal-services';
import { useSettings, useStore } from '../../services/use-terminal-data';
import type { CatalogueProduct } from '../../catalogue/catalogue';
import type { Stored } from '../../db/schemas';
import { previewBill, type BillContext, type BillPreview } from './bill-preview';
import { cartReducer, EMPTY_CART, type CartAction, type CartState } from './cart';
import { completeBill } from './complete-bill';
import { parkBill, recallBill } from './parked-bills';
import { lineForProduct, resolveScan, type LineRefusal, type ScanOutcome } from './scan';
import { resolveScanAtStart } from './scan-at-start';
import { billOpen$ } from '../updates/bill-open';

/** A message in the billing screen's message bar: an i18n key and its values. */
type BillingMessage = {
  readonly tone: 'error' | 'info';
  readonly key: string;
  readonly values?: Record<string, string | number>;
};

/** The billing screen's state and actions. */
export type Billing = {
  readonly cart: CartState;
  readonly preview: BillPreview;
  readonly billContext: BillContext;
  readonly message: BillingMessage | null;
  /** A loose product waiting for its weight. */
  readonly pendingQuantity: CatalogueProduct | null;
  readonly lastSale: Stored<Sale> | null;
  dispatch: (action: CartAction) => void;
  /** A scanned or typed code; `startMs` is the key event's timestamp. */
  scan: (code: string, startMs?: number) => void;
  addProduct: (product: CatalogueProduct, qtyBase?: number) => void;
  cancelQuantity: () => void;
  complete: () => Promise<void>;
  park: () => Promise<void>;
  recall: (id: string) => Promise<void>;
  setMessage: (message: BillingMessage | null) => void;
  dismissReceipt: () => void;
};

function refusalMessage(reason: LineRefusal, code: string): BillingMessage {
  return { tone: 'error', key: `refusal.${reason}`, values: { code } };
}

/** The state and actions of the billing screen. */
export function useBilling(): Billing {
  const services = useServices();
  const settings = useSettings();
  const store = useStore();
  const [cart, dispatch] = useReducer(cartReducer, EMPTY_CART);
  const [message, setMessage] = useState<BillingMessage | null>(null);
  const [pendingQuantity, setPendingQuantity] = useState<CatalogueProduct | null>(null);
  const [lastSale, setLastSale] = useState<Stored<Sale> | null>(null);
  // "Restart to update" waits while a bill is open; leaving the screen drops the cart anyway.
  const billOpen = cart.lines.length > 0 || pendingQuantity !== null;
  useEffect(() => {
    billOpen$.next(billOpen);
  }, [billOpen]);
  useEffect(
    () => () => {
      billOpen$.next(false);
    },
    [],
  );
  const keyCounter = useRef(0);
  // When the key that ended the pending scan was pressed (performance.now() time origin).
  const scanStartMs = useRef<number | null>(null);

  const timeZone = store?.timezone ?? INDIA_TIME_ZONE;
  const priceContext = () => ({
    storeId: services.credential.storeId,
    regionId: services.credential.regionId,
    date: businessDate(new Date(services.clock.now()), timeZone),
  });
  const billContext: BillContext = useMemo(
    () => ({
      currency: 'INR',
      supplyType: 'intra',
      allowCredit: settings.allowCredit,
    }),
    [settings.allowCredit],
  );
  const preview = useMemo(() => previewBill(cart, billContext), [cart, billContext]);

  useLayoutEffect(() => {
    if (scanStartMs.current === null) return;
    measureSince(scanStartMs.current, PERF_MEASURES.scanToLine, PERF_MEASURES.scanToPaint);
    scanStartMs.current = null;
  }, [cart.lines]);

  const nextKey = () => {
    keyCounter.current += 1;
    return `line-${keyCounter.current}`;
  };

  const addProduct = useCallback(
    (product: CatalogueProduct, qtyBase?: number) => {
      if (qtyBase === undefined && product.soldLoose && product.unit !== 'piece') {
        setPendingQuantity(product);
        return;
      }
      const result = lineForProduct(
        services.catalogue.catalogue,
        product,
        qtyBase ?? 1,
        priceContext(),
      );
      setPendingQuantity(null);
      if (!result.ok) {
        setMessage(refusalMessage(result.reason, product.sku));
        return;
      }
      dispatch({ type: 'add', line: { ...result.line, key: nextKey() } });
      setMessage(null);
    },
    // priceContext reads the clock on every call, so it needs no dependency of its own.
    [services, timeZone],
  );

  // Scans made while the catalogue still loads resolve asynchronously; they queue behind each
  // other (and later scans behind them) so lines keep the order the items were scanned in.
  const earlyScans = useRef({ queue: Promise.resolve(), pending: 0 });
  const scan = useCallback(
    (code: string, startMs: number = performance.now()) => {
      const show = (outcome: ScanOutcome) => {
        if (outcome.kind === 'line') {
          scanStartMs.current = startMs;
          dispatch({ type: 'add', line: { ...outcome.line, key: nextKey() } });
          setMessage(null);
        } else if (outcome.kind === 'needs-quantity') {
          setPendingQuantity(outcome.product);
        } else {
          setMessage(refusalMessage(outcome.reason, outcome.code));
        }
      };
      const live = services.catalogue;
      const early = earlyScans.current;
      if (live.isLoaded() && early.pending === 0) {
        show(resolveScan(live.catalogue, code, priceContext()));
        return;
      }
      early.pending += 1;
      early.queue = early.queue
        .then(async () => {
          show(await resolveScanAtStart(live, services.db, code, priceContext()));
        })
        .catch((error: unknown) => {
          console.error('[billing] scan lookup failed', error);
          setMessage({ tone: 'error', key: 'refusal.lookup-failed', values: { code } });
        })
        .finally(() => {
          early.pending -= 1;
        });
    },
    [services, timeZone],
  );

  const complete = async () => {
    if (cart.lines.length === 0) return;
    let toComplete = cart;
    if (cart.payments.length === 0 && preview.kind === 'due') {
      // One key: with nothing tendered, the customer pays the exact amount in cash.
      toComplete = cartReducer(cart, {
        type: 'addPayment',
        payment: { method: 'cash', amountMinor: preview.payableMinor },
      });
    }
    const result = await completeBill(
      {
        db: services.db,
        clock: services.clock,
        newId: services.newId,
        storeId: services.credential.storeId,
        terminalId: services.credential.deviceId,
        cashierId: services.cashier$.value?.userId ?? null,
        seriesCode: services.series.sale,
        timeZone,
        serially: services.serially,
      },
      toComplete,
      billContext,
    );
    if (!result.ok) {
      const [problem] = result.problems;
      const [first] = result.errors;
      setMessage({
        tone: 'error',
        key: problem ? `saleCheck.${problem.code}` : `billError.${first?.code ?? 'UNKNOWN'}`,
      });
      return;
    }
    dispatch({ type: 'clear' });
    setLastSale(result.sale);
    setMessage({
      tone: 'info',
      key: 'billing.completed',
      values: { invoiceNo: result.sale.invoiceNo },
    });
  };

  const park = async () => {
    if (cart.lines.length === 0) return;
    await parkBill(services.db, {
      id: services.newId(),
      parkedAt: new Date(services.clock.now()).toISOString(),
      cart,
    });
    dispatch({ type: 'clear' });
    setMessage({ tone: 'info', key: 'billing.parked' });
  };

  const recall = async (id: string) => {
    if (cart.lines.length > 0) {
      setMessage({ tone: 'error', key: 'billing.recallNeedsEmptyCart' });
      return;
    }
    const recalled = await recallBill(services.db, id);
    if (recalled !== undefined) dispatch({ type: 'restore', cart: recalled });
  };

  return {
    cart,
    preview,
    billContext,
    message,
    pendingQuantity,
    lastSale,
    dispatch,
    scan,
    addProduct,
    cancelQuantity: () => {
      setPendingQuantity(null);
    },
    complete,
    park,
    recall,
    setMessage,
    dismissReceipt: () => {
      setLastSale(null);
    },
  };
}
