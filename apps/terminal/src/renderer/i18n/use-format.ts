import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatQuantity,
  formatRateBp,
  money,
  parseCurrencyCode,
  type QuantityKind,
} from '@kiryana/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf, type Language } from './locale';

/** Formatting in the current language, always through the shared Intl formatters. */
export type Formatters = {
  money(amountMinor: number, currency?: string): string;
  /**
   * A quantity in its display unit (`displayUnitOf`): loose goods in kg or litres, pieces and packs
   * of any size (a 5 kg bag of rice) as a count.
   */
  qty(qtyBase: number, kind: QuantityKind): string;
  rate(rateBp: number): string;
  date(value: string): string;
  dateTime(value: string): string;
  number(value: number): string;
  /** A rough duration for an ETA: whole seconds under a minute, else whole minutes. */
  duration(seconds: number): string;
};

/** Builds formatters for a language (outside React, e.g. for the ESC/POS receipt). */
export function formattersFor(language: Language, t: (key: string) => string): Formatters {
  const locale = localeOf(language);
  return {
    money: (amountMinor, currency = 'INR') =>
      formatMoney(money(amountMinor, parseCurrencyCode(currency)), { locale }),
    qty: (qtyBase, kind) => {
      const { text, unit } = formatQuantity(qtyBase, kind, { locale });
      return unit === 'count' ? text : `${text} ${t(`units.${unit}`)}`;
    },
    rate: (rateBp) => formatRateBp(rateBp, { locale }),
    date: (value) => formatDate(value, { locale }),
    dateTime: (value) => formatDateTime(value, { locale }),
    number: (value) => formatNumber(value, { locale }),
    duration: (seconds) => {
      const minutes = seconds >= 60;
      return new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: minutes ? 'minute' : 'second',
        unitDisplay: 'short',
        maximumFractionDigits: 0,
      }).format(minutes ? Math.ceil(seconds / 60) : Math.ceil(seconds));
    },
  };
}

/** Formatters for the language the screen is in. */
export function useFormat(): Formatters {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'hi' ? 'hi' : 'en';
  return useMemo(() => formattersFor(language, t), [language, t]);
}
