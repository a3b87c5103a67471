import { businessDate, parseMinorUnits, splitIntoOrderUnits } from '@kiryana/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recordStep } from '../../db/facts';
import { useFormat } from '../../i18n/use-format';
import { useServices } from '../../services/terminal-services';
import { ProductPicker } from '../../ui/product-picker';
import { useLocalWorkflow } from '../transfers/use-local-workflow';
import { useProductInfo, useStepContext } from '../transfers/workflow-ui';
import { isOpenForReceipt, type LocalPurchaseOrder } from '../../db/local-purchase-order';
import { SupplierCard } from './supplier-card';
import {
  enteredToBase,
  lineVariance,
  poReceiptStep,
  receiptDefaults,
  type DeliveryLine,
  type ReceiptLineDefaults,
} from './po-receipt';

/**
 * Goods receipts against purchase orders: this store's open POs (sent or partly received), and
 * for the one picked, the delivery counted line by line (scan or type), in packs or pieces, with
 * cost, batch and expiry, against the supplier's invoice. A receipt without a PO stays on the
 * stock screen.
 */
export function GoodsReceiptScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const { purchaseOrders } = useLocalWorkflow();
  const [poId, setPoId] = useState<string | null>(null);
  const open = purchaseOrders.filter(isOpenForReceipt);
  const selected = purchaseOrders.find((po) => po.state.poId === poId);
  if (selected !== undefined) {
    return (
      <section className="stock goods-receipt" data-testid="goods-receipt-screen">
        <ReceiptForm
          key={selected.state.poId}
          po={selected}
          onDone={() => {
            setPoId(null);
          }}
        />
      </section>
    );
  }
  return (
    <section className="stock goods-receipt" data-testid="goods-receipt-screen">
      <h3>{t('goodsReceipt.openOrders')}</h3>
      {open.length === 0 ? (
        <p data-testid="po-none">{t('goodsReceipt.none')}</p>
      ) : (
        <table data-testid="po-list">
          <thead>
            <tr>
              <th>{t('goodsReceipt.supplier')}</th>
              <th>{t('goodsReceipt.orderedAt')}</th>
              <th className="num">{t('transfers.lines')}</th>
              <th>{t('transfers.statusLabel')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {open.map((po) => (
              <tr
                key={po.state.poId}
                data-testid="po-row"
                data-po-id={po.state.poId}
                data-status={po.state.status}
              >
                <td>{po.label || po.state.supplierId}</td>
                <td>{format.date(po.state.created.at)}</td>
                <td className="num">{format.number(po.state.lines.length)}</td>
                <td>
                  {t(`goodsReceipt.status.${po.state.status}`)}
                  {po.pendingFactIds.length > 0 && (
                    <span className="badge">{t('transfers.pending')}</span>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    data-testid="po-open"
                    onClick={() => {
                      setPoId(po.state.poId);
                    }}
                  >
                    {t('goodsReceipt.receive')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

type Entry = {
  qty: string;
  mode: 'packs' | 'units';
  cost: string;
  batchNo: string;
  expiryDate: string;
};

/** Minor units as the cost field shows them: 1042 → '10.42'. */
function minorInput(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

function ReceiptForm(props: { po: LocalPurchaseOrder; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const services = useServices();
  const info = useProductInfo();
  const stepContext = useStepContext();
  const { state } = props.po;
  const defaults = receiptDefaults(state);
  const [entries, setEntries] = useState<Record<string, Entry>>(() =>
    Object.fromEntries(
      defaults.map((d) => [
        d.productId,
        { qty: '', mode: 'packs', cost: minorInput(d.unitCostMinor), batchNo: '', expiryDate: '' },
      ]),
    ),
  );
  const [invoiceNo, setInvoiceNo] = useState('');
  const [invoiceDate, setInvoiceDate] = useState(() =>
    businessDate(new Date(services.clock.now())),
  );
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const overDelivery =
    services.cashier$.value?.permissions.includes('purchases:overreceive') ?? false;
  const entryOf = (productId: string): Entry =>
    entries[productId] ?? { qty: '', mode: 'packs', cost: '', batchNo: '', expiryDate: '' };
  const setEntry = (productId: string, patch: Partial<Entry>) => {
    setEntries({ ...entries, [productId]: { ...entryOf(productId), ...patch } });
  };
  const thisDelivery = (d: ReceiptLineDefaults): number | undefined => {
    const entry = entryOf(d.productId);
    const text = entry.qty.trim();
    if (text === '') return 0;
    if (!/^\d+$/.test(text)) return undefined;
    return enteredToBase(Number(text), entry.mode, d.baseUnitsPerOrderUnit);
  };
  const asOrderUnits = (qtyBase: number, d: ReceiptLineDefaults) => {
    const { orderUnits, looseBase } = splitIntoOrderUnits(qtyBase, d.baseUnitsPerOrderUnit);
    return t('goodsReceipt.inPacks', {
      packs: format.number(orderUnits),
      unit: d.orderUnitName,
      loose: format.qty(looseBase, info(d.productId).kind),
      total: format.qty(qtyBase, info(d.productId).kind),
    });
  };
  const submit = async () => {
    const ctx = stepContext();
    const lines: DeliveryLine[] = [];
    for (const d of defaults) {
      const qty = thisDelivery(d);
      const entry = entryOf(d.productId);
      let cost: number | undefined;
      try {
        cost = parseMinorUnits(entry.cost.trim(), 'INR');
      } catch {
        cost = undefined;
      }
      if (qty === undefined || (qty > 0 && (cost === undefined || cost < 0))) {
        setMessage(t('goodsReceipt.invalidLine', { name: info(d.productId).name }));
        return;
      }
      lines.push({
        productId: d.productId,
        receivedQtyBase: qty,
        unitCostMinor: cost ?? 0,
        batchNo: entry.batchNo,
        expiryDate: entry.expiryDate,
      });
    }
    if (ctx === null) return;
    const outcome = poReceiptStep(
      ctx,
      state,
      { supplierInvoiceNo: invoiceNo, supplierInvoiceDate: invoiceDate, lines },
      overDelivery,
    );
    if (!outcome.ok) {
      setMessage(t(`workflowError.${outcome.code}`, { defaultValue: outcome.message }));
      return;
    }
    setSaving(true);
    try {
      await services.serially(() => recordStep(services.db, outcome.row));
    } catch (error) {
      setMessage(String(error));
      setSaving(false);
      return;
    }
    setSaving(false);
    props.onDone();
  };
  return (
    <form
      className="goods-receipt-form"
      data-testid="gr-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3>
        {props.po.label || state.supplierId} · {t(`goodsReceipt.status.${state.status}`)}
      </h3>
      <SupplierCard supplierId={state.supplierId} />
      <label>
        {t('stock.supplierInvoice')}
        <input
          data-testid="gr-invoice-no"
          value={invoiceNo}
          maxLength={64}
          onChange={(event) => {
            setInvoiceNo(event.target.value);
          }}
        />
      </label>
      <label>
        {t('goodsReceipt.invoiceDate')}
        <input
          type="date"
          data-testid="gr-invoice-date"
          value={invoiceDate}
          onChange={(event) => {
            setInvoiceDate(event.target.value);
          }}
        />
      </label>
      <ProductPicker
        testId="gr-scan"
        onPick={(product) => {
          const d = defaults.find((x) => x.productId === product.id);
          if (d === undefined) {
            setMessage(t('goodsReceipt.notOnOrder', { name: info(product.id).name }));
            return;
          }
          // A scan counts one more of the unit the line is entered in.
          const entry = entryOf(d.productId);
          const current = /^\d+$/.test(entry.qty.trim()) ? Number(entry.qty.trim()) : 0;
          setEntry(d.productId, { qty: String(current + 1) });
          setMessage(null);
        }}
      />
      <table className="gr-lines">
        <thead>
          <tr>
            <th>{t('billing.item')}</th>
            <th className="num">{t('goodsReceipt.ordered')}</th>
            <th className="num">{t('goodsReceipt.receivedSoFar')}</th>
            <th>{t('goodsReceipt.thisDelivery')}</th>
            <th>{t('goodsReceipt.unitCost')}</th>
            <th>{t('goodsReceipt.batch')}</th>
            <th>{t('goodsReceipt.expiry')}</th>
            <th>{t('goodsReceipt.variance')}</th>
          </tr>
        </thead>
        <tbody>
          {defaults.map((d) => {
            const entry = entryOf(d.productId);
            const qty = thisDelivery(d);
            const variance = qty === undefined ? undefined : lineVariance(d, qty);
            const { kind, name } = info(d.productId);
            const over = variance !== undefined && variance.overQtyBase > 0;
            const under = variance !== undefined && variance.underQtyBase > 0;
            return (
              <tr
                key={d.productId}
                data-testid="gr-line"
                data-product-id={d.productId}
                className={over ? 'over' : under ? 'under' : undefined}
              >
                <td>{name}</td>
                <td className="num">{asOrderUnits(d.orderedQtyBase, d)}</td>
                <td className="num" data-testid={`gr-so-far-${d.productId}`}>
                  {format.qty(d.receivedSoFarQtyBase, kind)}
                </td>
                <td>
                  <input
                    className="qty"
                    data-testid={`gr-qty-${d.productId}`}
                    value={entry.qty}
                    inputMode="numeric"
                    onChange={(event) => {
                      setEntry(d.productId, { qty: event.target.value });
                    }}
                  />
                  <select
                    data-testid={`gr-mode-${d.productId}`}
                    value={entry.mode}
                    onChange={(event) => {
                      setEntry(d.productId, { mode: event.target.value as Entry['mode'] });
                    }}
                  >
                    <option value="packs">
                      {t('goodsReceipt.packsOf', {
                        unit: d.orderUnitName,
                        size: format.number(d.baseUnitsPerOrderUnit),
                      })}
                    </option>
                    <option value="units">{t('goodsReceipt.baseUnits')}</option>
                  </select>
                </td>
                <td>
                  <input
                    className="qty"
                    data-testid={`gr-cost-${d.productId}`}
                    value={entry.cost}
                    onChange={(event) => {
                      setEntry(d.productId, { cost: event.target.value });
                    }}
                  />
                </td>
                <td>
                  <input
                    className="qty"
                    data-testid={`gr-batch-${d.productId}`}
                    value={entry.batchNo}
                    maxLength={40}
                    onChange={(event) => {
                      setEntry(d.productId, { batchNo: event.target.value });
                    }}
                  />
                </td>
                <td>
                  <input
                    type="date"
                    data-testid={`gr-expiry-${d.productId}`}
                    value={entry.expiryDate}
                    onChange={(event) => {
                      setEntry(d.productId, { expiryDate: event.target.value });
                    }}
                  />
                </td>
                <td data-testid={`gr-variance-${d.productId}`}>
                  {variance === undefined
                    ? t('goodsReceipt.invalidQty')
                    : over
                      ? t('goodsReceipt.over', { qty: format.qty(variance.overQtyBase, kind) })
                      : under
                        ? t('goodsReceipt.under', { qty: format.qty(variance.underQtyBase, kind) })
                        : t('goodsReceipt.complete')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {message !== null && (
        <p className="error" data-testid="gr-message">
          {message}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="link"
          onClick={() => {
            props.onDone();
          }}
        >
          {t('common.cancel')}
        </button>
        <button type="submit" data-testid="gr-save" disabled={saving}>
          {t('goodsReceipt.save')}
        </button>
      </div>
    </form>
  );
}
