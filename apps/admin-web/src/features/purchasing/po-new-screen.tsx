import { formatNumber, purchaseOrderDetailSchema } from '@kiryana/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApi } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { supplierQuery } from '../suppliers/suppliers.queries';
import { FormActions } from '../../ui/form-actions';
import { skuAndName } from '../transfers/product-label';
import { ProductPicker } from '../transfers/product-picker';
import { RemoveLineButton } from '../transfers/remove-line-button';
import { FormRefusal } from '../transfers/step-error';
import { StorePicker } from '../transfers/store-picker';
import { useFactId } from '../transfers/use-fact-id';
import { type PoLineDraft, type PoLineInput, lineInput, lineValueMinor } from './po-lines';
import { SupplierSelect } from './supplier-select';

/**
 * Drafts a purchase order: one supplier, one store, lines in the supplier's order units. A product
 * the supplier lists comes with its pack and last cost filled in. The PO id and fact id are made
 * when the form opens, so a retry creates one PO.
 */
export function PoNewScreen() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [poId] = useState(() => crypto.randomUUID());
  const { factId, afterError } = useFactId();
  const [supplierId, setSupplierId] = useState('');
  const [storeId, setStoreId] = useState('');
  const [lines, setLines] = useState<PoLineDraft[]>([]);
  const [invalid, setInvalid] = useState<string>();
  const supplier = useQuery({ ...supplierQuery(api, supplierId), enabled: supplierId !== '' });
  const create = useMutation({
    mutationFn: async (body: { lines: PoLineInput[] }) =>
      purchaseOrderDetailSchema.parse(
        await api.send('POST', '/v1/admin/purchase-orders', {
          factId,
          poId,
          storeId,
          supplierId,
          ...body,
        }),
      ),
    onSuccess: async (detail) => {
      queryClient.setQueryData(['purchase-order', poId], detail);
      await queryClient.invalidateQueries({ queryKey: ['purchase-orders'] });
      await navigate(`/purchase-orders/${poId}`);
    },
    onError: afterError,
  });
  const setLine = (i: number, patch: Partial<PoLineDraft>) => {
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  };
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const inputs = lines.map(lineInput);
    const problem =
      inputs.length === 0
        ? t('workflow.noLines')
        : inputs.some((l) => l === null)
          ? t('purchasing.badLine')
          : undefined;
    setInvalid(problem);
    if (problem) return;
    create.mutate({ lines: inputs.filter((l): l is PoLineInput => l !== null) });
  };
  const hi = i18n.language === 'hi';
  const total = lines.reduce((sum, l) => sum + lineValueMinor(l), 0);
  return (
    <section aria-labelledby="po-new-title">
      <h1 id="po-new-title">{t('purchasing.new')}</h1>
      <form className="form-grid" onSubmit={submit}>
        <SupplierSelect id="po-new-supplier" value={supplierId} onChange={setSupplierId} required />
        <StorePicker
          id="po-new-store"
          label={t('common.store')}
          value={storeId}
          onChange={setStoreId}
        />
        <ProductPicker
          id="po-new-product"
          exclude={new Set(lines.map((l) => l.productId))}
          onPick={(p) => {
            const known = supplier.data?.products.find((x) => x.productId === p.id);
            setLines((ls) => [
              ...ls,
              {
                productId: p.id,
                label: skuAndName(p, hi),
                orderUnitName: known?.orderUnitName ?? t('suppliers.defaultUnit'),
                pack: String(known?.baseUnitsPerOrderUnit ?? 1),
                packs: '1',
                cost:
                  known?.lastCostMinorPerOrderUnit == null
                    ? ''
                    : formatNumber(known.lastCostMinorPerOrderUnit, {
                        scale: 2,
                        useGrouping: false,
                      }),
              },
            ]);
          }}
        />
        <div className="wide stack">
          <table className="lines-table" aria-label={t('purchasing.lines')}>
            <thead>
              <tr>
                <th>{t('workflow.product')}</th>
                <th>{t('workflow.orderUnit')}</th>
                <th className="num">{t('workflow.packSize')}</th>
                <th className="num">{t('purchasing.packs')}</th>
                <th className="num">{t('purchasing.costPerPack')}</th>
                <th className="num">{t('purchasing.lineValue')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => (
                <tr key={l.productId}>
                  <td>{l.label}</td>
                  <td>
                    <input
                      aria-label={t('workflow.orderUnitOf', { product: l.label })}
                      maxLength={20}
                      value={l.orderUnitName}
                      onChange={(e) => {
                        setLine(i, { orderUnitName: e.target.value });
                      }}
                    />
                  </td>
                  <td className="num">
                    <input
                      aria-label={t('workflow.packSizeOf', { product: l.label })}
                      inputMode="numeric"
                      value={l.pack}
                      onChange={(e) => {
                        setLine(i, { pack: e.target.value });
                      }}
                    />
                  </td>
                  <td className="num">
                    <input
                      aria-label={t('purchasing.packsOf', { product: l.label })}
                      inputMode="numeric"
                      value={l.packs}
                      onChange={(e) => {
                        setLine(i, { packs: e.target.value });
                      }}
                    />
                  </td>
                  <td className="num">
                    <input
                      aria-label={t('purchasing.costPerPackOf', { product: l.label })}
                      inputMode="decimal"
                      value={l.cost}
                      onChange={(e) => {
                        setLine(i, { cost: e.target.value });
                      }}
                    />
                  </td>
                  <td className="num">{format.money(lineValueMinor(l))}</td>
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
            <tfoot>
              <tr>
                <th colSpan={5}>{t('purchasing.total')}</th>
                <td className="num" data-testid="po-total">
                  {format.money(total)}
                </td>
                <td />
              </tr>
            </tfoot>
          </table>
          <FormRefusal invalid={invalid} error={create.error} />
          <FormActions
            submitLabel={t('purchasing.createDraft')}
            pending={create.isPending}
            cancelTo="/purchase-orders"
          />
        </div>
      </form>
    </section>
  );
}
