import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueProduct } from '../../catalogue/catalogue';
import { useServices } from '../../services/terminal-services';
import { LineTextCell, RemoveLineCell } from '../../ui/line-cells';
import { ProductPicker } from '../../ui/product-picker';
import { StepForm } from './step-form';
import { requestStep } from './transfer-steps';
import { useStepSubmit } from './use-step-submit';
import { parseStepQuantity, storeLabel, useKnownStores, useStepContext } from './workflow-ui';

type RequestLine = { product: CatalogueProduct; qty: string };

/** Asks another store for stock: the store, then the products and quantities wanted. */
export function RequestForm(props: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { credential } = useServices();
  const stepContext = useStepContext();
  const stores = useKnownStores().filter((s) => s.id !== credential.storeId);
  const [fromStoreId, setFromStoreId] = useState('');
  const [lines, setLines] = useState<RequestLine[]>([]);
  const { message, saving, submit } = useStepSubmit(() => {
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
  }, props.onDone);
  return (
    <StepForm
      testId="transfer-request-form"
      message={message}
      saveTestId="request-save"
      saveLabel={t('transfers.saveRequest')}
      saveDisabled={saving || lines.length === 0 || fromStoreId.trim() === ''}
      onSubmit={submit}
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
              <LineTextCell
                lines={lines}
                index={index}
                field="qty"
                testId={`request-qty-${index}`}
                onChange={setLines}
              />
              <RemoveLineCell lines={lines} index={index} onChange={setLines} />
            </tr>
          ))}
        </tbody>
      </table>
    </StepForm>
  );
}
