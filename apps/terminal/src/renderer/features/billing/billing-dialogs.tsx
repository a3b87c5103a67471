import {
  parseMinorUnits,
  parseQuantity,
  type BaseUnit,
  type PaymentInput,
  type PaymentMethod,
} from '@kiryana/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/dialog';
import { useFormat } from '../../i18n/use-format';

/**
 * The billing screen's small forms: quantity or weight of a line, a payment, the bill discount.
 * Every amount and quantity is parsed by the shared parsers (string math, no floats).
 */

/** Reads what the cashier typed as a quantity of a product kept in `unit`: "1.25" kg, "750 g", "3". */
export function parseEnteredQuantity(text: string, unit: BaseUnit): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  // A bare number means kg / litres for weighed goods, pieces otherwise.
  const withUnit =
    /^[0-9.]+$/.test(trimmed) && unit !== 'piece'
      ? `${trimmed} ${unit === 'g' ? 'kg' : 'l'}`
      : trimmed;
  try {
    const quantity = parseQuantity(withUnit);
    return quantity.baseUnit === unit && quantity.qtyBase > 0 ? quantity.qtyBase : undefined;
  } catch {
    return undefined;
  }
}

function parseAmount(text: string): number | undefined {
  try {
    const amount = parseMinorUnits(text.trim(), 'INR');
    return amount >= 0 ? amount : undefined;
  } catch {
    return undefined;
  }
}

/** Asks for a quantity or weight. */
export function QuantityDialog(props: {
  title: string;
  unit: BaseUnit;
  onSubmit: (qtyBase: number) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  return (
    <Dialog
      title={props.title}
      testId="quantity-dialog"
      onCancel={props.onCancel}
      onSubmit={() => {
        const qtyBase = parseEnteredQuantity(text, props.unit);
        if (qtyBase === undefined) setInvalid(true);
        else props.onSubmit(qtyBase);
      }}
    >
      <label>
        {t(
          props.unit === 'piece'
            ? 'billing.quantityPieces'
            : props.unit === 'g'
              ? 'billing.weightKg'
              : 'billing.volumeL',
        )}
        <input
          data-testid="quantity-input"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setInvalid(false);
          }}
        />
      </label>
      {invalid && <p className="error">{t('billing.invalidQuantity')}</p>}
      <button type="submit">{t('common.ok')}</button>
    </Dialog>
  );
}

const METHODS: readonly PaymentMethod[] = ['cash', 'upi', 'card', 'credit'];

/** Adds a payment: method, amount (defaults to what is due), cash tendered or a reference. */
export function PaymentDialog(props: {
  dueMinor: number;
  allowCredit: boolean;
  customerId: string | null;
  onSubmit: (payment: PaymentInput) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [amount, setAmount] = useState('');
  const [tendered, setTendered] = useState('');
  const [reference, setReference] = useState('');
  const [customer, setCustomer] = useState(props.customerId ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  /** The payment as entered, or the i18n key of what is wrong with it. */
  const entered = (): PaymentInput | string => {
    const amountMinor = amount.trim() === '' ? props.dueMinor : parseAmount(amount);
    if (amountMinor === undefined || amountMinor <= 0) return 'payment.invalidAmount';
    if (method === 'cash') {
      const tenderedMinor = tendered.trim() === '' ? amountMinor : parseAmount(tendered);
      if (tenderedMinor === undefined || tenderedMinor < amountMinor)
        return 'payment.tenderedTooLow';
      return { method, amountMinor, tenderedMinor };
    }
    if (method === 'credit') {
      return customer.trim() === ''
        ? 'payment.customerRequired'
        : { method, amountMinor, customerId: customer.trim() };
    }
    return reference.trim() === ''
      ? 'payment.referenceRequired'
      : { method, amountMinor, reference: reference.trim() };
  };
  const submit = () => {
    const payment = entered();
    if (typeof payment === 'string') setProblem(payment);
    else props.onSubmit(payment);
  };
  return (
    <Dialog
      title={t('payment.title')}
      testId="payment-dialog"
      onCancel={props.onCancel}
      onSubmit={submit}
    >
      <p>{t('payment.due', { amount: format.money(props.dueMinor) })}</p>
      <div className="methods" role="radiogroup">
        {METHODS.filter((m) => m !== 'credit' || props.allowCredit).map((m, index) => (
          <label key={m} className={m === method ? 'chosen' : undefined}>
            <input
              type="radio"
              name="method"
              value={m}
              data-testid={`method-${m}`}
              checked={m === method}
              onChange={() => {
                setMethod(m);
                setProblem(null);
              }}
            />
            {index + 1}. {t(`payment.method.${m}`)}
          </label>
        ))}
      </div>
      <label>
        {t('payment.amount')}
        <input
          data-testid="payment-amount"
          placeholder={format.money(props.dueMinor)}
          value={amount}
          onChange={(event) => {
            setAmount(event.target.value);
          }}
        />
      </label>
      {method === 'cash' && (
        <label>
          {t('payment.tendered')}
          <input
            data-testid="payment-tendered"
            value={tendered}
            onChange={(event) => {
              setTendered(event.target.value);
            }}
          />
        </label>
      )}
      {(method === 'upi' || method === 'card') && (
        <label>
          {t(method === 'upi' ? 'payment.upiReference' : 'payment.cardReference')}
          <input
            data-testid="payment-reference"
            value={reference}
            maxLength={64}
            onChange={(event) => {
              setReference(event.target.value);
            }}
          />
        </label>
      )}
      {method === 'credit' && (
        <label>
          {t('payment.customer')}
          <input
            data-testid="payment-customer"
            value={customer}
            maxLength={64}
            onChange={(event) => {
              setCustomer(event.target.value);
            }}
          />
        </label>
      )}
      {problem !== null && <p className="error">{t(problem)}</p>}
      <button type="submit" data-testid="payment-submit">
        {t('payment.add')}
      </button>
    </Dialog>
  );
}

/** Sets the bill discount, refusing more than the cashier's limit. */
export function DiscountDialog(props: {
  maxMinor: number;
  currentMinor: number;
  onSubmit: (amountMinor: number) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Dialog
      title={t('billing.discountTitle')}
      testId="discount-dialog"
      onCancel={props.onCancel}
      onSubmit={() => {
        const amountMinor = text.trim() === '' ? 0 : parseAmount(text);
        if (amountMinor === undefined) setProblem('payment.invalidAmount');
        else if (amountMinor > props.maxMinor) setProblem('billing.discountOverLimit');
        else props.onSubmit(amountMinor);
      }}
    >
      <p>{t('billing.discountLimit', { amount: format.money(props.maxMinor) })}</p>
      {props.currentMinor > 0 && (
        <p>{t('billing.currentDiscount', { amount: format.money(props.currentMinor) })}</p>
      )}
      <input
        data-testid="discount-input"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setProblem(null);
        }}
      />
      {problem !== null && (
        <p className="error">{t(problem, { amount: format.money(props.maxMinor) })}</p>
      )}
      <button type="submit">{t('common.ok')}</button>
    </Dialog>
  );
}
