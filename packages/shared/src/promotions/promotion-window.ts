import { type Promotion, type PromotionScope, type PromotionSchedule } from './promotion-schemas';

/**
 * Whether a promotion runs for a bill: the bill's currency, its store and region (scope), and its
 * local date and time in the store's zone (schedule). The date is the bill's business date, so a
 * terminal with a wrong clock is judged by the date it wrote, which the server can check.
 */

/** Where and when a bill is made, as the offer rules see it. */
export type PromotionContext = {
  readonly currency: string;
  readonly storeId: string;
  readonly regionId: string;
  /** The bill's business date `YYYY-MM-DD` in the store's zone. */
  readonly date: string;
  /** The bill's local clock time `HH:MM` in the store's zone. */
  readonly time: string;
};

/**
 * The ISO weekday (1 = Monday … 7 = Sunday) of a calendar date; computed in UTC so the device's
 * zone never shifts the day.
 * @example
 * isoWeekday('2026-12-07'); // 1 (a Monday)
 */
export function isoWeekday(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  const sunday0 = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1)).getUTCDay();
  return sunday0 === 0 ? 7 : sunday0;
}

/**
 * The local date and clock time of an instant in a zone, as a bill's promotions are judged by.
 * @example
 * localBillTime(new Date('2026-12-07T13:00:00Z'), 'Asia/Kolkata'); // { date: '2026-12-07', time: '18:30' }
 */
export function localBillTime(instant: Date, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((part) => part.type === type)?.value ?? '';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    time: `${get('hour')}:${get('minute')}`,
  };
}

/**
 * Whether a scope covers a store of a region.
 * @example
 * isInScope({ level: 'regions', regionIds: ['north'] }, 's1', 'north'); // true
 */
export function isInScope(scope: PromotionScope, storeId: string, regionId: string): boolean {
  switch (scope.level) {
    case 'chain':
      return true;
    case 'regions':
      return scope.regionIds.includes(regionId);
    case 'stores':
      return scope.storeIds.includes(storeId);
  }
}

/**
 * Whether a schedule runs at a local date and time: within the dates (both inclusive), on a
 * listed weekday, inside a listed window (from inclusive, to exclusive).
 * @example
 * isInSchedule({ validFrom: '2026-12-01', validTo: '2026-12-31', weekdays: [6, 7] }, '2026-12-12', '10:00'); // true (Saturday)
 */
export function isInSchedule(schedule: PromotionSchedule, date: string, time: string): boolean {
  if (date < schedule.validFrom || date > schedule.validTo) return false;
  if (schedule.weekdays !== undefined && !schedule.weekdays.includes(isoWeekday(date))) {
    return false;
  }
  if (schedule.timeWindows === undefined) return true;
  return schedule.timeWindows.some((window) => window.from <= time && time < window.to);
}

/**
 * Whether a promotion applies to a bill at all: same currency, in scope, in its schedule.
 * @example
 * isPromotionLive(promotion, { currency: 'INR', storeId: 's1', regionId: 'r1', date: '2026-12-07', time: '18:30' });
 */
export function isPromotionLive(promotion: Promotion, context: PromotionContext): boolean {
  return (
    promotion.currency === context.currency &&
    isInScope(promotion.scope, context.storeId, context.regionId) &&
    isInSchedule(promotion.schedule, context.date, context.time)
  );
}
