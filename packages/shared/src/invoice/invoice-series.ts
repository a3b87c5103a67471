import { z } from 'zod';
import { type FinancialYear, financialYearOf } from './financial-year';
import { InvoiceNumberError } from './invoice-error';
import {
  INVOICE_FY_MAX,
  INVOICE_FY_MIN,
  INVOICE_SERIAL_MAX,
  formatInvoiceNumber,
  isValidInvoiceSeriesCode,
} from './invoice-number';

/**
 * A terminal numbers its bills offline from a small persisted state: its series code, the financial
 * year it is numbering in, and the last serial it issued. `nextInvoiceNumber` is a pure transition;
 * the terminal must persist the returned state in the same local transaction as the bill, so a crash
 * can neither reuse a number nor leave a gap.
 */

/** What a terminal persists to continue its invoice series. `lastSerial` 0 means none issued yet this FY. */
export type InvoiceSeriesState = {
  readonly seriesCode: string;
  readonly fy: FinancialYear;
  readonly lastSerial: number;
};

/** Zod schema of a persisted `InvoiceSeriesState`. */
export const invoiceSeriesStateSchema = z.object({
  seriesCode: z.string().refine(isValidInvoiceSeriesCode, {
    message: 'Series code must be 1–6 upper-case letters or digits.',
  }),
  fy: z.number().int().min(INVOICE_FY_MIN).max(INVOICE_FY_MAX),
  lastSerial: z.number().int().min(0).max(INVOICE_SERIAL_MAX),
});

/**
 * The state of a fresh series that has issued nothing yet in the financial year of `date`.
 * @example
 * newInvoiceSeries('BLR1T2', new Date('2025-06-01T10:00:00Z'));
 * // { seriesCode: 'BLR1T2', fy: 2025, lastSerial: 0 }
 */
export function newInvoiceSeries(seriesCode: string, date: Date): InvoiceSeriesState {
  const state = { seriesCode, fy: financialYearOf(date), lastSerial: 0 };
  assertValidState(state);
  return state;
}

function assertValidState(state: InvoiceSeriesState): void {
  if (!isValidInvoiceSeriesCode(state.seriesCode)) {
    throw new InvoiceNumberError('INVOICE_SERIES_CODE_INVALID', 'Invalid invoice series code.');
  }
  if (!Number.isInteger(state.fy) || state.fy < INVOICE_FY_MIN || state.fy > INVOICE_FY_MAX) {
    throw new InvoiceNumberError(
      'INVOICE_FY_OUT_OF_RANGE',
      `Financial year ${state.fy} is out of range.`,
    );
  }
  if (
    !Number.isInteger(state.lastSerial) ||
    state.lastSerial < 0 ||
    state.lastSerial > INVOICE_SERIAL_MAX
  ) {
    throw new InvoiceNumberError(
      'INVOICE_SERIAL_OUT_OF_RANGE',
      'Invalid last serial in series state.',
    );
  }
}

/**
 * Issues the next invoice number of a series for a bill dated `date`, and the state to persist.
 * The first bill on or after 1 April (India time) restarts the serial at 1 under the new financial
 * year. If the clock says an earlier financial year than the state (clock set back across 31 March),
 * numbering continues in the state's year: reusing the earlier year's serials would duplicate
 * numbers, and a terminal never refuses to sell over its clock. When 999,999 are used up it throws
 * `INVOICE_SERIES_EXHAUSTED`; the fix is to give the terminal a second series code.
 * @example
 * const { invoiceNo, state } = nextInvoiceNumber(
 *   { seriesCode: 'BLR1T2', fy: 2025, lastSerial: 41 },
 *   new Date('2025-06-01T10:00:00Z'),
 * );
 * // invoiceNo 'BLR1T2/25/000042', state { seriesCode: 'BLR1T2', fy: 2025, lastSerial: 42 }
 */
export function nextInvoiceNumber(
  state: InvoiceSeriesState,
  date: Date,
): { invoiceNo: string; state: InvoiceSeriesState } {
  assertValidState(state);
  const fy = Math.max(financialYearOf(date), state.fy);
  const serial = fy === state.fy ? state.lastSerial + 1 : 1;
  if (serial > INVOICE_SERIAL_MAX) {
    throw new InvoiceNumberError(
      'INVOICE_SERIES_EXHAUSTED',
      `Invoice series ${state.seriesCode} has issued all ${INVOICE_SERIAL_MAX} numbers of FY ${fy}.`,
    );
  }
  const next = { seriesCode: state.seriesCode, fy, lastSerial: serial };
  return {
    invoiceNo: formatInvoiceNumber({ seriesCode: state.seriesCode, fy, serial }),
    state: next,
  };
}
