import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import type { BillPreview } from './bill-preview';
import type { CartState } from './cart';

/** The lines of the bill, with the amounts `computeBill` gave them. */
export function CartTable(props: {
  cart: CartState;
  preview: BillPreview;
  onSelect: (key: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const billLines = props.preview.kind === 'invalid' ? [] : props.preview.bill.lines;
  return (
    <table className="cart" data-testid="cart">
      <thead>
        <tr>
          <th>#</th>
          <th>{t('billing.item')}</th>
          <th className="num">{t('billing.qty')}</th>
          <th className="num">{t('billing.rate')}</th>
          <th className="num">{t('billing.mrp')}</th>
          <th className="num">{t('billing.amount')}</th>
        </tr>
      </thead>
      <tbody>
        {props.cart.lines.length === 0 && (
          <tr>
            <td colSpan={6} className="empty">
              {t('billing.emptyCart')}
            </td>
          </tr>
        )}
        {props.cart.lines.map((line, index) => {
          const computed = billLines[index];
          return (
            <tr
              key={line.key}
              data-testid="cart-line"
              data-product-id={line.productId}
              className={line.key === props.cart.selectedKey ? 'selected' : undefined}
              onClick={() => {
                props.onSelect(line.key);
              }}
            >
              <td>{index + 1}</td>
              <td>
                <div>{i18n.language === 'hi' && line.nameHi ? line.nameHi : line.nameEn}</div>
                <div className="sub">
                  HSN {line.hsn} · GST {format.rate(line.gstRateBp)}
                </div>
              </td>
              <td className="num" data-testid="line-qty">
                {format.qty(line.qtyBase, line)}
              </td>
              <td className="num">
                {format.money(line.unitPriceMinor)}
                {line.priceBasisQty > 1
                  ? ` ${t(line.unit === 'ml' ? 'units.perL' : 'units.perKg')}`
                  : ''}
              </td>
              <td className="num">{format.money(line.mrpMinor)}</td>
              <td className="num" data-testid="line-amount">
                {computed === undefined ? '—' : format.money(computed.netMinor)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
