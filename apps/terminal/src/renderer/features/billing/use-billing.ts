import {
  businessDate,
  INDIA_TIME_ZONE,
  type InvoiceKind,
  type PlaceOfSupply,
  type Sale,
} from '@kiryana/shared';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { measureSince, PERF_MEASURES } from '../../ui/perf-measures';
import { useServices } from '../../services/terminal-services';
import { useSettings, useStore } from '../../services/use-terminal-data';
import type { CatalogueProduct } from '../../catalogue/catalogue';
import type { Stored } from '../../db/schemas';
import {
  invoiceKindOf,
  isCompositionInterState,
  placeOfSupplyOf,
  previewBill,
  type BillContext,
  type BillPreview,
} from './bill-preview';
import { cartReducer, type CartAction, type CartState } from './cart';
import { closeBill, createCartStore } from './cart-store';
import { completeBill } from './complete-bill';
import { parkBill, recallBill } from './parked-bills';
import type { LineRefusal, ScanOutcome } from './scan';
import { createScanLane } from './scan-lane';
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
  /** Where the goods are supplied (the buyer's state, else the store's); null until the store is known. */
  readonly placeOfSupply: PlaceOfSupply | null;
  readonly invoiceKind: InvoiceKind;
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
  const [cartStore] = useState(createCartStore);
  const cart = useSyncExternalStore(cartStore.subscribe, cartStore.get);
  const dispatch = cartStore.dispatch;
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
  // When the keys that ended the scans not yet shown were pressed (performance.now() origin):
  // several lines can reach the screen in one render, each scan gets its measure.
  const scanStarts = useRef<number[]>([]);

  const timeZone = store?.timezone ?? INDIA_TIME_ZONE;
  const priceContext = () => ({
    storeId: services.credential.storeId,
    regionId: services.credential.regionId,
    date: businessDate(new Date(services.clock.now()), timeZone),
  });
  // The place of supply (CGST + SGST or IGST) follows the cart's buyer and the store's state.
  const storeStateCode = store?.stateCode;
  const composition = store?.composition === true;
  const billContext: BillContext = useMemo(
    () => ({
      currency: 'INR',
      allowCredit: settings.allowCredit,
      ...(storeStateCode === undefined ? {} : { storeStateCode }),
      composition,
    }),
    [settings.allowCredit, storeStateCode, composition],
  );
  const preview = useMemo(() => previewBill(cart, billContext), [cart, billContext]);
  const place = useMemo(() => placeOfSupplyOf(cart, billContext), [cart, billContext]);

  useLayoutEffect(() => {
    for (const startMs of scanStarts.current)
      measureSince(startMs, PERF_MEASURES.scanToLine, PERF_MEASURES.scanToPaint);
    scanStarts.current = [];
  }, [cart.lines]);

  const nextKey = () => {
    keyCounter.current += 1;
    return `line-${keyCounter.current}`;
  };

  // Scans and picks reach the cart in the order they were made, also while the catalogue loads.
  const lane = useMemo(
    () =>
      createScanLane({
        live: services.catalogue,
        db: services.db,
        priceContext,
        show: (outcome: ScanOutcome, startMs: number | null) => {
          if (outcome.kind === 'line') {
            if (startMs !== null) scanStarts.current.push(startMs);
            dispatch({ type: 'add', line: { ...outcome.line, key: nextKey() } });
            setMessage(null);
          } else if (outcome.kind === 'needs-quantity') {
            setPendingQuantity(outcome.product);
          } else {
            setMessage(refusalMessage(outcome.reason, outcome.code));
          }
        },
        fail: (code: string, error: unknown) => {
          console.error('[billing] scan lookup failed', error);
          setMessage({ tone: 'error', key: 'refusal.lookup-failed', values: { code } });
        },
      }),
    // priceContext reads the clock on every call, so it needs no dependency of its own.
    [services, timeZone],
  );

  const addProduct = useCallback(
    (product: CatalogueProduct, qtyBase?: number) => {
      if (qtyBase === undefined && product.soldLoose && product.unit !== 'piece') {
        setPendingQuantity(product);
        return;
      }
      setPendingQuantity(null);
      lane.pick(product, qtyBase ?? 1);
    },
    [lane],
  );

  const scan = useCallback(
    (code: string, startMs: number = performance.now()) => {
      lane.scan(code, startMs);
    },
    [lane],
  );

  const complete = async () => {
    if (isCompositionInterState(cartStore.get(), billContext)) {
      setMessage({ tone: 'error', key: 'buyer.compositionInterState' });
      return;
    }
    const result = await closeBill(lane, cartStore, (open) => {
      let toComplete = open;
      const due = previewBill(open, billContext);
      if (open.payments.length === 0 && due.kind === 'due') {
        // One key: with nothing tendered, the customer pays the exact amount in cash.
        toComplete = cartReducer(open, {
          type: 'addPayment',
          payment: { method: 'cash', amountMinor: due.payableMinor },
        });
      }
      return completeBill(
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
    });
    if (result === undefined) return;
    if (!result.ok) {
      const [problem] = result.problems;
      const [first] = result.errors;
      setMessage({
        tone: 'error',
        key: problem ? `saleCheck.${problem.code}` : `billError.${first?.code ?? 'UNKNOWN'}`,
      });
      return;
    }
    setLastSale(result.sale);
    setMessage({
      tone: 'info',
      key: 'billing.completed',
      values: { invoiceNo: result.sale.invoiceNo },
    });
  };

  const park = async () => {
    const parked = await closeBill(lane, cartStore, async (open) => {
      await parkBill(services.db, {
        id: services.newId(),
        parkedAt: new Date(services.clock.now()).toISOString(),
        cart: open,
      });
      return { ok: true } as const;
    });
    if (parked !== undefined) setMessage({ tone: 'info', key: 'billing.parked' });
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
    placeOfSupply: place,
    invoiceKind: invoiceKindOf(billContext),
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
