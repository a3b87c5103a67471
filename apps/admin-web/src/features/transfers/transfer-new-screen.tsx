import type { TransferDetail } from '@kiryana/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApi } from '../../auth/auth-context';
import { FormActions } from '../../ui/form-actions';
import { skuAndName } from './product-label';
import { ProductPicker } from './product-picker';
import { RemoveLineButton } from './remove-line-button';
import { FormRefusal } from './step-error';
import { StorePicker } from './store-picker';
import { useFactId } from './use-fact-id';

type Line = { productId: string; label: string; qty: string };

/**
 * Requests stock to move between two stores. The transfer id and the fact id are made once when
 * the form opens, so a double click or a retry after a lost answer creates one transfer.
 */
export function TransferNewScreen() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [transferId] = useState(() => crypto.randomUUID());
  const { factId, afterError } = useFactId();
  const [fromStoreId, setFrom] = useState('');
  const [toStoreId, setTo] = useState('');
  const [lines, setLines] = useState<Line[]>([]);
  const [invalid, setInvalid] = useState<string>();
  const request = useMutation({
    mutationFn: (body: unknown) => api.send<TransferDetail>('POST', '/v1/admin/transfers', body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['transfers'] });
      await navigate(`/transfers/${transferId}`);
    },
    onError: afterError,
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const parsed = lines.map((l) => ({ productId: l.productId, qtyBase: Number(l.qty) }));
    const problem =
      fromStoreId === toStoreId
        ? t('transfers.sameStore')
        : parsed.length === 0
          ? t('workflow.noLines')
          : parsed.some((l) => !Number.isSafeInteger(l.qtyBase) || l.qtyBase < 1)
            ? t('workflow.badQty')
            : undefined;
    setInvalid(problem);
    if (problem) return;
    request.mutate({ factId, transferId, fromStoreId, toStoreId, lines: parsed });
  };
  const hi = i18n.language === 'hi';
  return (
    <section aria-labelledby="transfer-new-title">
      <h1 id="transfer-new-title">{t('transfers.new')}</h1>
      <form className="form-grid" onSubmit={submit}>
        <StorePicker
          id="transfer-from"
          label={t('transfers.from')}
          value={fromStoreId}
          onChange={setFrom}
        />
        <StorePicker
          id="transfer-to"
          label={t('transfers.to')}
          value={toStoreId}
          onChange={setTo}
        />
        <ProductPicker
          id="transfer-product"
          exclude={new Set(lines.map((l) => l.productId))}
          onPick={(p) => {
            setLines((ls) => [
              ...ls,
              {
                productId: p.id,
                label: skuAndName(p, hi),
                qty: '1',
              },
            ]);
          }}
        />
        <div className="wide stack">
          <table className="lines-table" aria-label={t('transfers.lines')}>
            <thead>
              <tr>
                <th>{t('workflow.product')}</th>
                <th className="num">{t('transfers.qtyBase')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => (
                <tr key={l.productId}>
                  <td>{l.label}</td>
                  <td className="num">
                    <input
                      aria-label={t('transfers.qtyOf', { product: l.label })}
                      inputMode="numeric"
                      value={l.qty}
                      onChange={(e) => {
                        const qty = e.target.value;
                        setLines((ls) => ls.map((x, j) => (j === i ? { ...x, qty } : x)));
                      }}
                    />
                  </td>
                  <td>
                    <RemoveLineButton
                      onRemove={() => {
                        setLines((ls) => ls.filter((_, j) => j !== i));
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <FormRefusal invalid={invalid} error={request.error} />
          <FormActions
            submitLabel={t('transfers.request')}
            pending={request.isPending}
            cancelTo="/transfers"
          />
        </div>
      </form>
    </section>
  );
}
