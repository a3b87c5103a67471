import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatQuantity,
  formatRateBp,
  money,
  type QuantityKind,
} from '@kiryana/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Language, localeOf } from './language';

/** Formatting in the current language, always through the shared Intl formatters (en-IN, hi-IN). */
export type Formatters = {
  /** Paise as rupees: ₹1,23,456.00. */
  money(amountMinor: number): string;
  /**
   * A quantity in its display unit (`displayUnitOf`): goods sold loose by weight or volume as kg
   * or litres (from grams, millilitres); everything else, packs included, as a count.
   */
  qty(qtyBase: number, kind: QuantityKind): string;
  rate(rateBp: number): string;
  date(value: string): string;
  /** A business date in few characters (10/01/26), for chart labels. */
  shortDate(value: string): string;
  dateTime(value: string | number): string;
  number(value: number): string;
};

/** Formatters for a language. */
function formattersFor(language: Language, t: (key: string) => string): Formatters {
  const locale = localeOf(language);
  return {
    money: (amountMinor) => formatMoney(money(amountMinor, 'INR'), { locale }),
    qty: (qtyBase, kind) => {
      const { text, unit } = formatQuantity(qtyBase, kind, { locale });
      return unit === 'count' ? text : `${text} ${t(`units.${unit}`)}`;
    },
    rate: (rateBp) => formatRateBp(rateBp, { locale }),
    date: (value) => formatDate(value, { locale }),
    shortDate: (value) => formatDate(value, { locale, dateStyle: 'short' }),
    dateTime: (value) =>
      formatDateTime(typeof value === 'number' ? new Date(value) : value, { locale }),
    number: (value) => formatNumber(value, { locale }),
  };
}

/** Formatters for the language the screen is in. */
export function useFormat(): Formatters {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'hi' ? 'hi' : 'en';
  return useMemo(() => formattersFor(language, t), [language, t]);
}
