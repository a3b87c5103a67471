import {
  financialYearOf,
  formatInvoiceNumber,
  invoiceSeriesStateSchema,
  newInvoiceSeries,
  nextInvoiceNumber,
  parseInvoiceNumber,
  INVOICE_SERIAL_MAX,
  type InvoiceSeriesState,
} from '@kiryana/shared';
import type { TerminalDatabase } from './database';

/**
 * The terminal's offline invoice series (CGST Rule 46(b): consecutive, unique per financial year).
 * RxDB cannot write a sale and a local document in one transaction, so the last serial is the
 * larger of the persisted state and the highest number among the stored sales of the series (an
 * indexed range query on `invoiceNo`): a crash after the sale but before the state write neither
 * reuses a number nor leaves a gap. Callers must serialise issuing (see `createSerialQueue`).
 */

const LOCAL_DOC_PREFIX = 'invoice-series:';

async function highestStoredSerial(
  db: TerminalDatabase,
  seriesCode: string,
  fy: number,
): Promise<number> {
  // Fixed-width numbers: string order is serial order within one series and year.
  const first = formatInvoiceNumber({ seriesCode, fy, serial: 1 });
  const last = formatInvoiceNumber({ seriesCode, fy, serial: INVOICE_SERIAL_MAX });
  const latest = await db.sales
    .findOne({
      selector: { invoiceNo: { $gte: first, $lte: last } },
      sort: [{ invoiceNo: 'desc' }],
    })
    .exec();
  if (latest === null) return 0;
  const parsed = parseInvoiceNumber(latest.invoiceNo);
  return parsed.ok ? parsed.value.serial : 0;
}

async function persistedState(
  db: TerminalDatabase,
  seriesCode: string,
): Promise<InvoiceSeriesState | undefined> {
  const doc = await db.getLocal<InvoiceSeriesState>(LOCAL_DOC_PREFIX + seriesCode);
  const parsed = invoiceSeriesStateSchema.safeParse(doc?.toJSON().data);
  return parsed.success ? parsed.data : undefined;
}

/** A number issued for a document not yet stored, and how to remember it once it is. */
export type IssuedInvoiceNumber = {
  readonly invoiceNo: string;
  /** Persists the new series state; call after the document is stored. */
  commit(): Promise<void>;
};

/**
 * Issues the next invoice number of a series at `now`.
 * @example
 * const issued = await issueInvoiceNumber(db, 'BLR1T2', new Date());
 * await recordSale(db, { ...sale, invoiceNo: issued.invoiceNo });
 * await issued.commit();
 */
export async function issueInvoiceNumber(
  db: TerminalDatabase,
  seriesCode: string,
  now: Date,
): Promise<IssuedInvoiceNumber> {
  const persisted = (await persistedState(db, seriesCode)) ?? newInvoiceSeries(seriesCode, now);
  // A clock set back into the previous year never reopens it (as in nextInvoiceNumber).
  const fy = Math.max(financialYearOf(now), persisted.fy);
  const storedSerial = await highestStoredSerial(db, seriesCode, fy);
  const persistedSerial = persisted.fy === fy ? persisted.lastSerial : 0;
  const current: InvoiceSeriesState = {
    seriesCode,
    fy,
    lastSerial: Math.max(storedSerial, persistedSerial),
  };
  const next = nextInvoiceNumber(current, now);
  return {
    invoiceNo: next.invoiceNo,
    commit: async () => {
      await db.upsertLocal(LOCAL_DOC_PREFIX + seriesCode, next.state);
    },
  };
}

/**
 * Runs async tasks one after another (issuing numbers and storing bills must not interleave,
 * e.g. on a double key press).
 */
export function createSerialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
