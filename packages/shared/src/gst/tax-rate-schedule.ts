import { assertIsoDate, isIsoDate } from './business-date';
import { GstError } from './gst-error';
import { specificCessProblem } from './specific-cess';

/**
 * One effective-dated rate of a tax class. `effectiveFrom` is the first day in force and
 * `effectiveTo`, when set, the first day no longer in force (exclusive), so a change on
 * 22 Sept 2025 closes the old row with `effectiveTo: '2025-09-22'` and opens the new row with
 * `effectiveFrom: '2025-09-22'`, leaving neither gap nor overlap. The replicated tax-rate
 * document (documents/tax-rate) has this shape, so its rows can be passed as they are.
 */
export type TaxRateRow = {
  /** The tax class products point at (e.g. "gst-was-12-now-5"). */
  readonly taxClassId: string;
  /** GST rate in basis points (1800 = 18 %). */
  readonly rateBp: number;
  /** Compensation cess in basis points, ad valorem, charged on the same taxable value. */
  readonly cessBp: number;
  /**
   * Specific (per-unit) compensation cess in minor units per `cessSpecificPerQty` base units, on
   * top of `cessBp` (cigarettes before 1 Feb 2026: 5 % + ₹2,076 per 1,000 sticks). Absent: none.
   */
  readonly cessSpecificMinor?: number | null;
  /** The base units `cessSpecificMinor` is quoted for (1000 for "per thousand sticks"). */
  readonly cessSpecificPerQty?: number | null;
  /** First day in force, `YYYY-MM-DD`, in the store's calendar. */
  readonly effectiveFrom: string;
  /** First day no longer in force (exclusive), or open-ended. */
  readonly effectiveTo?: string | null;
  /** Replicated rows may be tombstones; those never apply. */
  readonly _deleted?: boolean;
};

/** The rates of every tax class over time: data replicated from HQ, never constants in code. */
export type TaxRateSchedule = { readonly rows: readonly TaxRateRow[] };

/** A problem found in a schedule, naming the rows concerned by index. */
export type TaxRateScheduleProblem = {
  readonly code: 'INVALID_RATE' | 'INVALID_DATE' | 'OVERLAPPING_RATES';
  readonly message: string;
  readonly rows: readonly number[];
};

function inForce(row: TaxRateRow, date: string): boolean {
  return (
    row._deleted !== true &&
    row.effectiveFrom <= date &&
    (row.effectiveTo == null || date < row.effectiveTo)
  );
}

/**
 * The row of a tax class in force on a date (`YYYY-MM-DD`, the bill's business date). Throws
 * `NO_RATE_IN_FORCE` when none applies (never a silent 0 %) and `OVERLAPPING_RATES` when the
 * data is ambiguous. A return never calls this: it reuses the rates stored on the original bill's
 * lines, because a credit note reverses the tax that was charged, whatever the rate is today.
 * @example
 * rateOn(INDIAN_GST_SCHEDULE, 'gst-was-12-now-5', '2025-09-21').rateBp; // 1200
 * rateOn(INDIAN_GST_SCHEDULE, 'gst-was-12-now-5', '2025-09-22').rateBp; // 500
 */
export function rateOn(schedule: TaxRateSchedule, taxClassId: string, date: string): TaxRateRow {
  assertIsoDate(date, 'bill date');
  const matches = schedule.rows.filter(
    (row) => row.taxClassId === taxClassId && inForce(row, date),
  );
  const [first, second] = matches;
  if (first === undefined) {
    throw new GstError(
      'NO_RATE_IN_FORCE',
      `No GST rate for tax class "${taxClassId}" on ${date}.`,
      {
        taxClassId,
        date,
      },
    );
  }
  if (second !== undefined) {
    throw new GstError(
      'OVERLAPPING_RATES',
      `Tax class "${taxClassId}" has ${matches.length} rates on ${date}.`,
      {
        taxClassId,
        date,
      },
    );
  }
  return first;
}

/**
 * Checks a schedule before it is used or published: rates are non-negative integer basis points,
 * dates are real and ordered, and no class has two rows in force on the same day.
 * @example
 * validateTaxRateSchedule(INDIAN_GST_SCHEDULE); // []
 */
export function validateTaxRateSchedule(schedule: TaxRateSchedule): TaxRateScheduleProblem[] {
  const problems: TaxRateScheduleProblem[] = [];
  const live = schedule.rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => row._deleted !== true);
  for (const { row, index } of live) {
    for (const [name, value] of [
      ['rateBp', row.rateBp],
      ['cessBp', row.cessBp],
    ] as const) {
      if (!Number.isSafeInteger(value) || value < 0) {
        problems.push({
          code: 'INVALID_RATE',
          message: `${name} ${String(value)} is not whole basis points ≥ 0.`,
          rows: [index],
        });
      }
    }
    const specificProblem = specificCessProblem(row);
    if (specificProblem !== null) {
      problems.push({ code: 'INVALID_RATE', message: specificProblem, rows: [index] });
    }
    const to = row.effectiveTo;
    if (
      !isIsoDate(row.effectiveFrom) ||
      (to != null && (!isIsoDate(to) || to <= row.effectiveFrom))
    ) {
      problems.push({
        code: 'INVALID_DATE',
        message: `Row ${index} has an invalid or empty date range.`,
        rows: [index],
      });
    }
  }
  for (const [i, a] of live.entries()) {
    for (const b of live.slice(i + 1)) {
      if (a.row.taxClassId !== b.row.taxClassId) continue;
      const aEnd = a.row.effectiveTo ?? '9999-12-31';
      const bEnd = b.row.effectiveTo ?? '9999-12-31';
      if (a.row.effectiveFrom < bEnd && b.row.effectiveFrom < aEnd) {
        problems.push({
          code: 'OVERLAPPING_RATES',
          message: `Tax class "${a.row.taxClassId}" has overlapping rows ${a.index} and ${b.index}.`,
          rows: [a.index, b.index],
        });
      }
    }
  }
  return problems;
}
