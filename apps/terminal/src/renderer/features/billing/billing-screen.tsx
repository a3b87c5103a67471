import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../services/terminal-services';
import { useObservable } from '../../services/use-observable';
import { useSettings } from '../../services/use-terminal-data';
import { useFormat } from '../../i18n/use-format';
import { ReceiptDialog } from '../receipt/receipt-dialog';
import { useManagerApproval } from '../sign-in/manager-approval';
import { maxBillDiscountMinor } from './bill-preview';
import { BuyerDialog } from './buyer-dialog';
import { BuyerSummary } from './buyer-summary';
import { DiscountDialog, PaymentDialog, QuantityDialog } from './billing-dialogs';
import { CartTable } from './cart-table';
import { watchParkedBills } from './parked-bills';
import { ProductSearch } from './product-search';
import { TotalsPanel } from './totals-panel';
import { useBilling } from './use-billing';
import { useScannerWedge } from './use-scanner-wedge';

type OpenDialog = 'none' | 'quantity' | 'payment' | 'discount' | 'parked' | 'buyer';

/**
 * The billing screen, keyboard first: scan anywhere, F2 search, ↑↓ choose a line, F4 quantity,
 * Delete void, F6 discount, F8 payment, Shift+F8 buyer (B2B), F9 hold, Shift+F9 recall, F12 (or
 * Ctrl+Enter) complete.
 */
export function BillingScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const services = useServices();
  const settings = useSettings();
  const billing = useBilling();
  const searchRef = useRef<HTMLInputElement>(null);
  const [dialog, setDialog] = useState<OpenDialog>('none');
  const parked$ = useMemo(() => watchParkedBills(services.db), [services.db]);
  const parked = useObservable(parked$, undefined) ?? [];
  const selected = billing.cart.lines.find((line) => line.key === billing.cart.selectedKey);
  const manager = useManagerApproval();
  const dialogOpen =
    dialog !== 'none' ||
    manager.open ||
    billing.pendingQuantity !== null ||
    billing.lastSale !== null;

  useScannerWedge(billing.scan, !dialogOpen);

  const grossMinor =
    billing.preview.kind === 'invalid' ? 0 : billing.preview.bill.totals.grossMinor;
  const dueMinor = billing.preview.kind === 'due' ? Math.max(0, billing.preview.dueMinor) : 0;

  useEffect(() => {
    if (!dialogOpen) searchRef.current?.focus();
  }, [dialogOpen]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (dialogOpen) return;
      const key = event.key;
      const handled = () => {
        event.preventDefault();
        event.stopPropagation();
      };
      if (key === 'F2') {
        handled();
        searchRef.current?.focus();
      } else if (key === 'F4' && selected !== undefined) {
        handled();
        setDialog('quantity');
      } else if (key === 'F6' && billing.cart.lines.length > 0) {
        handled();
        setDialog('discount');
      } else if (key === 'F8' && event.shiftKey) {
        handled();
        setDialog('buyer');
      } else if (key === 'F8' && billing.cart.lines.length > 0) {
        handled();
        setDialog('payment');
      } else if (key === 'F9' && event.shiftKey) {
        handled();
        setDialog('parked');
      } else if (key === 'F9') {
        handled();
        void billing.park();
      } else if (key === 'F12' || (key === 'Enter' && event.ctrlKey)) {
        handled();
        void billing.complete();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [billing, dialogOpen, selected]);

  return (
    <section className="billing" data-testid="billing-screen">
      <div className="billing-main">
        <ProductSearch
          ref={searchRef}
          onPick={(product) => {
            billing.addProduct(product);
          }}
          onCode={billing.scan}
          onKeyWhenEmpty={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              billing.dispatch({ type: 'selectNext' });
            } else if (event.key === 'ArrowUp') {
              event.preventDefault();
              billing.dispatch({ type: 'selectPrevious' });
            } else if (event.key === 'Delete' && selected !== undefined) {
              event.preventDefault();
              const key = selected.key;
              manager.approve('void', () => {
                billing.dispatch({ type: 'void', key });
              });
            }
          }}
        />
        {billing.message !== null && (
          <div
            className={`message ${billing.message.tone}`}
            role="status"
            data-testid="billing-message"
          >
            {t(billing.message.key, billing.message.values ?? {})}
          </div>
        )}
        <CartTable
          cart={billing.cart}
          preview={billing.preview}
          onSelect={(key) => {
            billing.dispatch({ type: 'select', key });
          }}
        />
        <p className="key-hints">{t('billing.keyHints')}</p>
      </div>
      <div className="billing-side">
        <BuyerSummary
          buyer={billing.cart.buyer ?? null}
          place={billing.placeOfSupply}
          invoiceKind={billing.invoiceKind}
          preview={billing.preview}
          onEdit={() => {
            setDialog('buyer');
          }}
        />
        <TotalsPanel
          cart={billing.cart}
          preview={billing.preview}
          invoiceKind={billing.invoiceKind}
          onRemovePayment={(index) => {
            billing.dispatch({ type: 'removePayment', index });
          }}
        />
        <div className="actions">
          <button
            type="button"
            data-testid="pay"
            disabled={billing.cart.lines.length === 0}
            onClick={() => {
              setDialog('payment');
            }}
          >
            {t('billing.pay')} (F8)
          </button>
          <button
            type="button"
            data-testid="complete"
            disabled={billing.cart.lines.length === 0}
            onClick={() => {
              void billing.complete();
            }}
          >
            {t('billing.complete')} (F12)
          </button>
          <button
            type="button"
            data-testid="park"
            disabled={billing.cart.lines.length === 0}
            onClick={() => {
              void billing.park();
            }}
          >
            {t('billing.park')} (F9)
          </button>
          <button
            type="button"
            data-testid="recall"
            disabled={parked.length === 0}
            onClick={() => {
              setDialog('parked');
            }}
          >
            {t('billing.recall', { count: parked.length })}
          </button>
        </div>
      </div>

      {billing.pendingQuantity !== null && (
        <QuantityDialog
          title={billing.pendingQuantity.nameEn}
          unit={billing.pendingQuantity.unit}
          onCancel={billing.cancelQuantity}
          onSubmit={(qtyBase) => {
            if (billing.pendingQuantity !== null)
              billing.addProduct(billing.pendingQuantity, qtyBase);
          }}
        />
      )}
      {dialog === 'quantity' && selected !== undefined && (
        <QuantityDialog
          title={selected.nameEn}
          unit={selected.unit}
          onCancel={() => {
            setDialog('none');
          }}
          onSubmit={(qtyBase) => {
            billing.dispatch({ type: 'setQty', key: selected.key, qtyBase });
            setDialog('none');
          }}
        />
      )}
      {dialog === 'payment' && (
        <PaymentDialog
          dueMinor={dueMinor}
          allowCredit={billing.billContext.allowCredit}
          customerId={billing.cart.customerId}
          onCancel={() => {
            setDialog('none');
          }}
          onSubmit={(payment) => {
            billing.dispatch({ type: 'addPayment', payment });
            if (payment.customerId)
              billing.dispatch({ type: 'setCustomer', customerId: payment.customerId });
            setDialog('none');
          }}
        />
      )}
      {dialog === 'discount' && (
        <DiscountDialog
          maxMinor={maxBillDiscountMinor(grossMinor, settings.maxBillDiscountBp)}
          currentMinor={billing.cart.billDiscountMinor}
          onCancel={() => {
            setDialog('none');
          }}
          onSubmit={(amountMinor) => {
            setDialog('none');
            // Basis points of the bill, rounded up: a discount just over the limit needs a manager.
            const discountBp = grossMinor > 0 ? Math.ceil((amountMinor * 10_000) / grossMinor) : 0;
            manager.approve(
              'discount',
              () => {
                billing.dispatch({ type: 'setBillDiscount', amountMinor });
              },
              discountBp,
            );
          }}
        />
      )}
      {dialog === 'buyer' && (
        <BuyerDialog
          buyer={billing.cart.buyer ?? null}
          onCancel={() => {
            setDialog('none');
          }}
          onSubmit={(buyer) => {
            billing.dispatch({ type: 'setBuyer', buyer });
            setDialog('none');
          }}
        />
      )}
      {manager.dialog}
      {dialog === 'parked' && (
        <div className="dialog-backdrop">
          <div
            className="dialog"
            role="dialog"
            data-testid="parked-dialog"
            onKeyDown={(event) => {
              if (event.key === 'Escape') setDialog('none');
            }}
          >
            <h2>{t('billing.parkedTitle')}</h2>
            <ul className="parked">
              {parked.map((bill) => (
                <li key={bill.id}>
                  <button
                    type="button"
                    autoFocus
                    onClick={() => {
                      void billing.recall(bill.id);
                      setDialog('none');
                    }}
                  >
                    {format.dateTime(bill.parkedAt)} ·{' '}
                    {t('billing.parkedLines', { count: bill.cart.lines.length })}
                  </button>
                </li>
              ))}
            </ul>
            <button
              type="button"
              onClick={() => {
                setDialog('none');
              }}
            >
              {t('common.close')}
            </button>
          </div>
        </div>
      )}
      {billing.lastSale !== null && (
        <ReceiptDialog
          sale={billing.lastSale}
          autoPrint={settings.autoPrint}
          onClose={billing.dismissReceipt}
        />
      )}
    </section>
  );
}
