import {
  ADJUSTMENT_REASONS,
  parseMinorUnits,
  type AdjustmentReason,
  type QuantityKind,
} from '@kiryana/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LineTextCell, RemoveLineCell } from '../../ui/line-cells';
import { ProductPicker } from '../../ui/product-picker';
import { useServices } from '../../services/terminal-services';
import { useCatalogueVersion } from '../../services/use-terminal-data';
import type { CatalogueProduct } from '../../catalogue/catalogue';
import { recordMovements } from '../../db/facts';
import { useFormat } from '../../i18n/use-format';
import { parseEnteredQuantity } from '../billing/billing-dialogs';
import {
  adjustmentMovement,
  receiptMovements,
  type MovementMeta,
  type ReceiptLine,
} from './stock-documents';
import { useCounterStock } from './use-counter-stock';
import { useLocalWorkflow } from '../transfers/use-local-workflow';
import { counterInTransit } from './in-transit';
import { useStoreSuppliers } from './use-store-suppliers';
import { lastCostPerBasis, supplierNamed } from '../../db/party-queries';

type Tab = 'levels' | 'receive' | 'adjust';

/** Stock at the counter: levels (server + unsynced), goods receipts and manual adjustments. */
export function StockScreen() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('levels');
  return (
    <section className="stock" data-testid="stock-screen">
      <nav className="tabs">
        {(['levels', 'receive', 'adjust'] as const).map((name) => (
          <button
            key={name}
            type="button"
            data-testid={`stock-tab-${name}`}
            className={name === tab ? 'active' : undefined}
            onClick={() => {
              setTab(name);
            }}
          >
            {t(`stock.tab.${name}`)}
          </button>
        ))}
      </nav>
      {tab === 'levels' && <StockLevels />}
      {tab === 'receive' && (
        <ReceiveForm
          onDone={() => {
            setTab('levels');
          }}
        />
      )}
      {tab === 'adjust' && (
        <AdjustForm
          onDone={() => {
            setTab('levels');
          }}
        />
      )}
    </section>
  );
}

function StockLevels() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { catalogue, credential } = useServices();
  const version = useCatalogueVersion();
  const stock = useCounterStock();
  const { transfers } = useLocalWorkflow();
  const [filter, setFilter] = useState('');
  const inTransit = useMemo(
    () =>
      counterInTransit(
        transfers.map((transfer) => transfer.state),
        credential.storeId,
      ),
    [transfers, credential.storeId],
  );
  const rows = useMemo(() => {
    const matching =
      filter.trim() === ''
        ? null
        : new Set(catalogue.catalogue.search(filter, 200).map((p) => p.id));
    // A product coming in for the first time has no level yet but belongs on the list.
    const listed = new Set(stock.map((row) => row.productId));
    const arriving = [...inTransit.keys()]
      .filter((productId) => !listed.has(productId))
      .map((productId) => ({ productId, serverQtyBase: 0, unsyncedDeltaBase: 0, qtyBase: 0 }));
    return [...stock, ...arriving]
      .filter((row) => matching === null || matching.has(row.productId))
      .map((row) => {
        const product = catalogue.catalogue.product(row.productId);
        return {
          ...row,
          product,
          transit: inTransit.get(row.productId) ?? { incomingBase: 0, outgoingBase: 0 },
          low: product !== undefined && row.qtyBase <= product.reorderLevelBase,
        };
      })
      .sort(
        (a, b) =>
          Number(b.low) - Number(a.low) ||
          (a.product?.nameEn ?? '').localeCompare(b.product?.nameEn ?? ''),
      )
      .slice(0, 200);
  }, [stock, inTransit, filter, catalogue, version]);
  return (
    <>
      <input
        data-testid="stock-filter"
        placeholder={t('stock.findProduct')}
        value={filter}
        onChange={(event) => {
          setFilter(event.target.value);
        }}
      />
      <table className="stock-levels" data-testid="stock-levels">
        <thead>
          <tr>
            <th>{t('billing.item')}</th>
            <th className="num">{t('stock.server')}</th>
            <th className="num">{t('stock.unsynced')}</th>
            <th className="num">{t('stock.onHand')}</th>
            <th className="num" title={t('stock.inTransitTitle')}>
              {t('stock.incoming')}
            </th>
            <th className="num" title={t('stock.inTransitTitle')}>
              {t('stock.outgoing')}
            </th>
            <th className="num">{t('stock.reorderLevel')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const kind: QuantityKind = row.product ?? { unit: 'piece', soldLoose: false };
            return (
              <tr
                key={row.productId}
                data-testid="stock-row"
                data-product-id={row.productId}
                className={row.low ? 'low' : undefined}
              >
                <td>
                  {row.product === undefined
                    ? row.productId
                    : i18n.language === 'hi' && row.product.nameHi
                      ? row.product.nameHi
                      : row.product.nameEn}
                  {row.low && <span className="badge">{t('stock.low')}</span>}
                </td>
                <td className="num">{format.qty(row.serverQtyBase, kind)}</td>
                <td className="num">
                  {row.unsyncedDeltaBase === 0 ? '' : format.qty(row.unsyncedDeltaBase, kind)}
                </td>
                <td className="num" data-testid="stock-on-hand">
                  {format.qty(row.qtyBase, kind)}
                </td>
                <td
                  className="num"
                  data-testid="stock-incoming"
                  data-qty={row.transit.incomingBase}
                >
                  {row.transit.incomingBase === 0 ? '' : format.qty(row.transit.incomingBase, kind)}
                </td>
                <td
                  className="num"
                  data-testid="stock-outgoing"
                  data-qty={row.transit.outgoingBase}
                >
                  {row.transit.outgoingBase === 0 ? '' : format.qty(row.transit.outgoingBase, kind)}
                </td>
                <td className="num">
                  {row.product === undefined ? '' : format.qty(row.product.reorderLevelBase, kind)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function useMovementMeta(): () => MovementMeta {
  const services = useServices();
  return () => ({
    storeId: services.credential.storeId,
    terminalId: services.credential.deviceId,
    cashierId: services.cashier$.value?.userId ?? null,
    createdAt: new Date(services.clock.now()).toISOString(),
    newId: services.newId,
  });
}

type DraftLine = { product: CatalogueProduct; qty: string; cost: string };

/** Minor units as a cost field shows them: 1042 → '10.42'. */
function minorInput(minor: number): string {
  return `${String(Math.floor(minor / 100))}.${String(minor % 100).padStart(2, '0')}`;
}

function ReceiveForm(props: { onDone: () => void }) {
  const { t } = useTranslation();
  const services = useServices();
  const meta = useMovementMeta();
  const format = useFormat();
  const suppliers = useStoreSuppliers();
  const [supplier, setSupplier] = useState('');
  // The store's supplier the typed name means; a local seller not in the list stays free text.
  const known = supplierNamed(suppliers, supplier);
  const [invoiceNo, setInvoiceNo] = useState('');
  const [lines, setLines] = useState<DraftLine[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const save = async () => {
    const parsed: ReceiptLine[] = [];
    for (const line of lines) {
      const qtyBase = parseEnteredQuantity(line.qty, line.product.unit);
      let unitCostMinor: number | null;
      try {
        unitCostMinor = line.cost.trim() === '' ? null : parseMinorUnits(line.cost, 'INR');
      } catch {
        unitCostMinor = -1;
      }
      if (qtyBase === undefined || (unitCostMinor !== null && unitCostMinor < 0)) {
        setMessage(t('stock.invalidLine', { name: line.product.nameEn }));
        return;
      }
      parsed.push({ productId: line.product.id, qtyBase, unitCostMinor });
    }
    const result = receiptMovements(
      { supplier, supplierInvoiceNo: invoiceNo, lines: parsed },
      meta(),
    );
    if (!result.ok) {
      const first = result.problems[0];
      setMessage(
        first === undefined || first.code === 'INVALID'
          ? t('stock.nothingToSave')
          : t(`movementCheck.${first.code}`),
      );
      return;
    }
    await services.serially(() => recordMovements(services.db, result.movements));
    props.onDone();
  };
  return (
    <form
      className="receive"
      data-testid="receive-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label>
        {t('stock.supplier')}
        <input
          data-testid="receive-supplier"
          list="receive-supplier-list"
          title={t('stock.supplierHint')}
          value={supplier}
          maxLength={200}
          onChange={(event) => {
            setSupplier(event.target.value);
          }}
        />
        <datalist id="receive-supplier-list" data-testid="receive-supplier-list">
          {suppliers.map((s) => (
            <option key={s.id} value={s.name} data-party-id={s.id} />
          ))}
        </datalist>
      </label>
      {known !== undefined && (
        <p className="hint" data-testid="receive-supplier-known" data-party-id={known.id}>
          {known.gstin === null
            ? t('stock.supplierUnregistered', { days: format.number(known.paymentTermsDays) })
            : t('stock.supplierRegistered', {
                gstin: known.gstin,
                days: format.number(known.paymentTermsDays),
              })}
        </p>
      )}
      <label>
        {t('stock.supplierInvoice')}
        <input
          data-testid="receive-invoice"
          value={invoiceNo}
          maxLength={64}
          onChange={(event) => {
            setInvoiceNo(event.target.value);
          }}
        />
      </label>
      <ProductPicker
        testId="receive-product"
        onPick={(product) => {
          // A line starts from what this supplier was last paid for the product (per piece or kg).
          const last =
            known === undefined
              ? undefined
              : lastCostPerBasis(known, product.id, product.priceBasisQty);
          const cost = last === undefined ? '' : minorInput(last);
          setLines([...lines, { product, qty: '', cost }]);
        }}
      />
      <table>
        <thead>
          <tr>
            <th>{t('billing.item')}</th>
            <th>{t('billing.qty')}</th>
            <th>{t('stock.unitCost')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => (
            <tr key={index} data-testid="receive-line">
              <td>{line.product.nameEn}</td>
              <LineTextCell
                lines={lines}
                index={index}
                field="qty"
                testId={`receive-qty-${index}`}
                onChange={setLines}
              />
              <LineTextCell
                lines={lines}
                index={index}
                field="cost"
                testId={`receive-cost-${index}`}
                onChange={setLines}
              />
              <RemoveLineCell lines={lines} index={index} onChange={setLines} />
            </tr>
          ))}
        </tbody>
      </table>
      {message !== null && <p className="error">{message}</p>}
      <button type="submit" data-testid="receive-save" disabled={lines.length === 0}>
        {t('stock.saveReceipt')}
      </button>
    </form>
  );
}

function AdjustForm(props: { onDone: () => void }) {
  const { t } = useTranslation();
  const services = useServices();
  const meta = useMovementMeta();
  const [product, setProduct] = useState<CatalogueProduct | null>(null);
  const [qty, setQty] = useState('');
  const [reason, setReason] = useState<AdjustmentReason>('damage');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const save = async () => {
    if (product === null) return;
    const negative = qty.trim().startsWith('-');
    const magnitude = parseEnteredQuantity(qty.trim().replace(/^[-+]/, ''), product.unit);
    if (magnitude === undefined) {
      setMessage(t('stock.invalidQuantity'));
      return;
    }
    const result = adjustmentMovement(
      { productId: product.id, qtyDeltaBase: negative ? -magnitude : magnitude, reason, note },
      meta(),
    );
    if (!result.ok) {
      setMessage(t(`movementCheck.${result.code}`));
      return;
    }
    await services.serially(() => recordMovements(services.db, [result.movement]));
    props.onDone();
  };
  return (
    <form
      className="adjust"
      data-testid="adjust-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {product === null ? (
        <ProductPicker testId="adjust-product" onPick={setProduct} />
      ) : (
        <p>
          {product.nameEn}{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              setProduct(null);
            }}
          >
            ✕
          </button>
        </p>
      )}
      <label>
        {t('stock.change')}
        <input
          data-testid="adjust-qty"
          value={qty}
          placeholder="-2"
          onChange={(event) => {
            setQty(event.target.value);
          }}
        />
      </label>
      <label>
        {t('stock.reason')}
        <select
          data-testid="adjust-reason"
          value={reason}
          onChange={(event) => {
            setReason(event.target.value as AdjustmentReason);
          }}
        >
          {ADJUSTMENT_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`stock.reasons.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('stock.note')}
        <input
          data-testid="adjust-note"
          value={note}
          maxLength={500}
          onChange={(event) => {
            setNote(event.target.value);
          }}
        />
      </label>
      {message !== null && <p className="error">{message}</p>}
      <button type="submit" data-testid="adjust-save" disabled={product === null}>
        {t('stock.saveAdjustment')}
      </button>
    </form>
  );
}
