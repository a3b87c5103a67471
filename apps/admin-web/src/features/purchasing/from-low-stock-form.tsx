import { purchaseOrderDetailSchema } from '@kiryana/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/api-error';
import { useApi } from '../../auth/auth-context';
import { StepError } from '../transfers/step-error';
import { StorePicker } from '../transfers/store-picker';
import { useFactId } from '../transfers/use-fact-id';
import { SupplierSelect } from './supplier-select';

/**
 * Drafts a PO from a store's low-stock list for one supplier (the server picks the products and
 * whole packs up to twice the reorder level, less what is on order), then opens the draft. Ids
 * are made once per opening of the form, so a retry does not draft a second PO.
 */
export function FromLowStockForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [poId] = useState(() => crypto.randomUUID());
  const { factId, afterError } = useFactId();
  const [storeId, setStoreId] = useState('');
  const [supplierId, setSupplierId] = useState('');
  const draft = useMutation({
    mutationFn: async () =>
      purchaseOrderDetailSchema.parse(
        await api.send('POST', '/v1/admin/purchase-orders/from-low-stock', {
          factId,
          poId,
          storeId,
          supplierId,
        }),
      ),
    onSuccess: async (detail) => {
      queryClient.setQueryData(['purchase-order', detail.purchaseOrder.poId], detail);
      await queryClient.invalidateQueries({ queryKey: ['purchase-orders'] });
      await navigate(`/purchase-orders/${detail.purchaseOrder.poId}`);
    },
    onError: afterError,
  });
  return (
    <form
      className="inline-form panel"
      aria-labelledby="low-stock-title"
      onSubmit={(e) => {
        e.preventDefault();
        draft.mutate();
      }}
    >
      <h2 id="low-stock-title">{t('purchasing.fromLowStock')}</h2>
      <p className="muted">{t('purchasing.fromLowStockHint')}</p>
      <StorePicker
        id="low-stock-store"
        label={t('common.store')}
        value={storeId}
        onChange={setStoreId}
      />
      <SupplierSelect
        id="low-stock-supplier"
        value={supplierId}
        onChange={setSupplierId}
        required
      />
      {draft.error instanceof ApiError && draft.error.code === 'CONFLICT' ? (
        <p role="alert" className="error" data-testid="nothing-to-order">
          {t('purchasing.nothingToOrder')}
        </p>
      ) : (
        <StepError error={draft.error} />
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={draft.isPending}>
          {t('purchasing.draftFromLowStock')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
