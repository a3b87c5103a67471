import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueProduct } from '../../catalogue/catalogue';
import { recordStep } from '../../db/facts';
import { useFormat } from '../../i18n/use-format';
import { useServices } from '../../services/terminal-services';
import { ProductPicker } from '../../ui/product-picker';
import type { LocalTransfer } from './local-transfer';
import {
  directionOf,
  dispatchStep,
  openToDispatch,
  pendingToReceive,
  quantityInputOf,
  receiveStep,
  requestStep,
  type StepOutcome,
} from './transfer-steps';
import { useLocalWorkflow } from './use-local-workflow';
import {
  parseStepQuantity,
  storeLabel,
  useKnownStores,
  useProductInfo,
  useStepContext,
} from './workflow-ui';

type View =
  | { readonly name: 'list' | 'request' }
  | { readonly name: 'dispatch'; readonly transferId: string }
  | { readonly name: 'receive'; readonly transferId: string };

/**
 * Transfers between stores at the counter: this store's incoming and outgoing transfers with their
 * status (folded with steps not uploaded yet), asking another store for stock, dispatching an
 * approved transfer and counting one that arrived. Every step works offline.
 */
export function TransfersScreen() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>({ name: 'list' });
  const { transfers } = useLocalWorkflow();
  const back = () => {
    setView({ name: 'list' });
  };
  const selected =
    view.name === 'dispatch' || view.name === 'receive'
      ? transfers.find((tr) => tr.state.transferId === view.transferId)
      : undefined;
  return (
    <section className="stock transfers" data-testid="transfers-screen">
      <nav className="tabs">
        {(['list', 'request'] as const).map((name) => (
          <button
            key={name}
            type="button"
            data-testid={`transfers-tab-${name}`}
            className={name === view.name ? 'active' : undefined}
            onClick={() => {
              setView({ name });
            }}
          >
            {t(`transfers.tab.${name}`)}
          </button>
        ))}
      </nav>
      {view.name === 'list' && <TransferList transfers={transfers} onOpen={setView} />}
      {view.name === 'request' && <RequestForm onDone={back} />}
      {view.name === 'dispatch' && selected !== undefined && (
        <DispatchForm transfer={selected} onDone={back} />
      )}
      {view.name === 'receive' && selected !== undefined && (
        <ReceiveForm transfer={selected} onDone={back} />
      )}
    </section>
  );
}

function TransferList(props: {
  transfers: readonly LocalTransfer[];
  onOpen: (view: View) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { credential } = useServices();
  const stores = useKnownStores();
  const hindi = i18n.language === 'hi';
  const rows = props.transfers
    .map((transfer) => ({ transfer, direction: directionOf(transfer.state, credential.storeId) }))
    .filter((row) => row.direction !== null);
  if (rows.length === 0) return <p data-testid="transfers-empty">{t('transfers.none')}</p>;
  return (
    <table className="transfers-list" data-testid="transfers-list">
      <thead>
        <tr>
          <th>{t('transfers.direction')}</th>
          <th>{t('transfers.otherStore')}</th>
          <th>{t('transfers.requestedAt')}</th>
          <th>{t('transfers.lines')}</th>
          <th>{t('transfers.statusLabel')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map(({ transfer, direction }) => {
          const { state } = transfer;
          const other = direction === 'incoming' ? state.fromStoreId : state.toStoreId;
          const canDispatch =
            direction === 'outgoing' &&
            openToDispatch(state).length > 0 &&
            (state.status === 'approved' || state.status === 'dispatching');
          const canReceive =
            direction === 'incoming' &&
            pendingToReceive(state).length > 0 &&
            (state.status === 'dispatching' || state.status === 'in_transit');
          return (
            <tr
              key={state.transferId}
              data-testid="transfer-row"
              data-transfer-id={state.transferId}
              data-direction={direction}
              data-status={state.status}
            >
              <td>{t(`transfers.${direction ?? 'incoming'}`)}</td>
              <td title={transfer.label}>{storeLabel(stores, other, hindi)}</td>
              <td>{format.dateTime(state.requested.at)}</td>
              <td className="num">{format.number(state.lines.length)}</td>
              <td data-testid="transfer-status">
                {t(`transfers.status.${state.status}`)}
                {transfer.pendingFactIds.length > 0 && (
                  <span className="badge" data-testid="transfer-pending">
                    {t('transfers.pending')}
                  </span>
                )}
                {transfer.refused.length > 0 && (
                  <span className="badge" data-testid="transfer-refused">
                    {t('transfers.refused')}
                  </span>
                )}
              </td>
              <td>
                {canDispatch && (
                  <button
                    type="button"
                    data-testid="transfer-dispatch"
                    onClick={() => {
                      props.onOpen({ name: 'dispatch', transferId: state.transferId });
                    }}
                  >
                    {t('transfers.dispatch')}
                  </button>
                )}
                {canReceive && (
                  <button
                    type="button"
                    data-testid="transfer-receive"
                    onClick={() => {
                      props.onOpen({ name: 'receive', transferId: state.transferId });
                    }}
                  >
                    {t('transfers.receive')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Records a checked step, or says why it cannot be taken. */
function useSaveStep(): (
  build: () => StepOutcome | null,
  setMessage: (message: string | null) => void,
) => Promise<boolean> {
  const { t } = useTranslation();
  const services = useServices();
  return async (build, setMessage) => {
    const outcome = build();
    if (outcome === null) {
      setMessage(t('transfers.invalidQuantity'));
      return false;
    }
    if (!outcome.ok) {
      setMessage(t(`workflowError.${outcome.code}`, { defaultValue: outcome.message }));
      return false;
    }
    try {
      await services.serially(() => recordStep(services.db, outcome.row));
    } catch (error) {
      setMessage(String(error));
      return false;
    }
    return true;
  };
}

type RequestLine = { product: CatalogueProduct; qty: string };

function RequestForm(props: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { credential } = useServices();
  const stepContext = useStepContext();
  const save = useSaveStep();
  const stores = useKnownStores().filter((s) => s.id !== credential.storeId);
  const [fromStoreId, setFromStoreId] = useState('');
  const [lines, setLines] = useState<RequestLine[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    setSaving(true);
    const done = await save(() => {
      const ctx = stepContext();
      const parsed = lines.map((l) => ({
        productId: l.product.id,
        qtyBase: parseStepQuantity(l.qty, l.product.unit),
      }));
      if (ctx === null || parsed.some((l) => l.qtyBase === undefined)) return null;
      return requestStep(
        ctx,
        fromStoreId,
        parsed.map((l) => ({ productId: l.productId, qtyBase: l.qtyBase ?? 0 })),
      );
    }, setMessage);
    setSaving(false);
    if (done) props.onDone();
  };
  return (
    <form
      className="receive"
      data-testid="transfer-request-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label>
        {t('transfers.fromStore')}
        {stores.length > 0 ? (
          <select
            data-testid="request-from-store"
            value={fromStoreId}
            onChange={(event) => {
              setFromStoreId(event.target.value);
            }}
          >
            <option value="" />
            {stores.map((store) => (
              <option key={store.id} value={store.id}>
                {storeLabel(stores, store.id, i18n.language === 'hi')}
              </option>
            ))}
          </select>
        ) : (
          <input
            data-testid="request-from-store"
            value={fromStoreId}
            maxLength={64}
            placeholder={t('transfers.storeIdHint')}
            onChange={(event) => {
              setFromStoreId(event.target.value);
            }}
          />
        )}
      </label>
      <ProductPicker
        testId="request-product"
        onPick={(product) => {
          if (lines.some((l) => l.product.id === product.id)) return;
          setLines([...lines, { product, qty: '' }]);
        }}
      />
      <table>
        <thead>
          <tr>
            <th>{t('billing.item')}</th>
            <th>{t('billing.qty')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => (
            <tr key={line.product.id} data-testid="request-line">
              <td>
                {i18n.language === 'hi' && line.product.nameHi
                  ? line.product.nameHi
                  : line.product.nameEn}
              </td>
              <td>
                <input
                  data-testid={`request-qty-${index}`}
                  value={line.qty}
                  onChange={(event) => {
                    setLines(
                      lines.map((l, i) => (i === index ? { ...l, qty: event.target.value } : l)),
                    );
                  }}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setLines(lines.filter((_, i) => i !== index));
                  }}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {message !== null && (
        <p className="error" data-testid="transfers-message">
          {message}
        </p>
      )}
      <button
        type="submit"
        data-testid="request-save"
        disabled={saving || lines.length === 0 || fromStoreId.trim() === ''}
      >
        {t('transfers.saveRequest')}
      </button>
    </form>
  );
}

function DispatchForm(props: { transfer: LocalTransfer; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const info = useProductInfo();
  const stepContext = useStepContext();
  const save = useSaveStep();
  const { state } = props.transfer;
  const open = openToDispatch(state);
  const [qty, setQty] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      open.map((l) => [l.productId, quantityInputOf(l.qtyBase, info(l.productId).unit)]),
    ),
  );
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    setSaving(true);
    const done = await save(() => {
      const ctx = stepContext();
      const lines = open.map((l) => ({
        productId: l.productId,
        qtyBase: parseStepQuantity(qty[l.productId] ?? '', info(l.productId).unit),
      }));
      if (ctx === null || lines.some((l) => l.qtyBase === undefined)) return null;
      return dispatchStep(
        ctx,
        state,
        lines.map((l) => ({ productId: l.productId, qtyBase: l.qtyBase ?? 0 })),
      );
    }, setMessage);
    setSaving(false);
    if (done) props.onDone();
  };
  return (
    <form
      className="receive"
      data-testid="transfer-dispatch-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3>{t('transfers.dispatchTitle')}</h3>
      <table>
        <thead>
          <tr>
            <th>{t('billing.item')}</th>
            <th className="num">{t('transfers.approved')}</th>
            <th className="num">{t('transfers.dispatched')}</th>
            <th>{t('transfers.sendNow')}</th>
          </tr>
        </thead>
        <tbody>
          {open.map((l) => {
            const line = state.lines.find((x) => x.productId === l.productId);
            const { name, kind } = info(l.productId);
            return (
              <tr key={l.productId} data-testid="dispatch-line" data-product-id={l.productId}>
                <td>{name}</td>
                <td className="num">{format.qty(line?.approvedQtyBase ?? 0, kind)}</td>
                <td className="num">{format.qty(line?.dispatchedQtyBase ?? 0, kind)}</td>
                <td>
                  <input
                    data-testid={`dispatch-qty-${l.productId}`}
                    value={qty[l.productId] ?? ''}
                    onChange={(event) => {
                      setQty({ ...qty, [l.productId]: event.target.value });
                    }}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {message !== null && (
        <p className="error" data-testid="transfers-message">
          {message}
        </p>
      )}
      <button type="submit" data-testid="dispatch-save" disabled={saving}>
        {t('transfers.saveDispatch')}
      </button>
    </form>
  );
}

type Count = { received: string; short: string; damaged: string };

function ReceiveForm(props: { transfer: LocalTransfer; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const info = useProductInfo();
  const stepContext = useStepContext();
  const save = useSaveStep();
  const { state } = props.transfer;
  const pending = pendingToReceive(state);
  const [counts, setCounts] = useState<Record<string, Count>>(() =>
    Object.fromEntries(
      pending.map((l) => [
        l.productId,
        { received: quantityInputOf(l.qtyBase, info(l.productId).unit), short: '', damaged: '' },
      ]),
    ),
  );
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const setCount = (productId: string, field: keyof Count, value: string) => {
    const current = counts[productId] ?? { received: '', short: '', damaged: '' };
    setCounts({ ...counts, [productId]: { ...current, [field]: value } });
  };
  const submit = async () => {
    setSaving(true);
    const done = await save(() => {
      const ctx = stepContext();
      if (ctx === null) return null;
      const lines = [];
      for (const l of pending) {
        const unit = info(l.productId).unit;
        const count = counts[l.productId] ?? { received: '', short: '', damaged: '' };
        const received = parseStepQuantity(count.received, unit);
        const short = parseStepQuantity(count.short, unit);
        const damaged = parseStepQuantity(count.damaged, unit);
        if (received === undefined || short === undefined || damaged === undefined) return null;
        lines.push({
          productId: l.productId,
          receivedQtyBase: received,
          shortQtyBase: short,
          damagedQtyBase: damaged,
        });
      }
      return receiveStep(ctx, state, lines, note);
    }, setMessage);
    setSaving(false);
    if (done) props.onDone();
  };
  const field = (productId: string, name: keyof Count) => (
    <input
      data-testid={`transfer-${name}-${productId}`}
      value={counts[productId]?.[name] ?? ''}
      onChange={(event) => {
        setCount(productId, name, event.target.value);
      }}
    />
  );
  return (
    <form
      className="receive"
      data-testid="transfer-receive-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3>{t('transfers.receiveTitle')}</h3>
      <table>
        <thead>
          <tr>
            <th>{t('billing.item')}</th>
            <th className="num">{t('transfers.onTheWay')}</th>
            <th>{t('transfers.received')}</th>
            <th>{t('transfers.short')}</th>
            <th>{t('transfers.damaged')}</th>
          </tr>
        </thead>
        <tbody>
          {pending.map((l) => {
            const { name, kind } = info(l.productId);
            return (
              <tr key={l.productId} data-testid="receive-count-line" data-product-id={l.productId}>
                <td>{name}</td>
                <td className="num">{format.qty(l.qtyBase, kind)}</td>
                <td>{field(l.productId, 'received')}</td>
                <td>{field(l.productId, 'short')}</td>
                <td>{field(l.productId, 'damaged')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <label>
        {t('stock.note')}
        <input
          data-testid="transfer-receive-note"
          value={note}
          maxLength={500}
          onChange={(event) => {
            setNote(event.target.value);
          }}
        />
      </label>
      {message !== null && (
        <p className="error" data-testid="transfers-message">
          {message}
        </p>
      )}
      <button type="submit" data-testid="transfer-receive-save" disabled={saving}>
        {t('transfers.saveReceive')}
      </button>
    </form>
  );
}
