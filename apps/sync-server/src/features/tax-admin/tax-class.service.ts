import {
  type Actor,
  AppError,
  type rateChangeBodySchema,
  type taxClassInputSchema,
} from '@kiryana/shared';
import type { z } from 'zod';
import type { Db } from '../../db/db';
import { appendAudit } from '../../db/audit-append';
import { auditActorOf } from '../../db/audit-actor';
import { inActorTransaction } from '../../db/actor-transaction';
import * as queries from './tax-class.queries';

/** What the tax-class services need. */
export type TaxAdminDeps = { readonly db: Db };

type ClassInput = z.output<typeof taxClassInputSchema>;
type RateChange = z.output<typeof rateChangeBodySchema>;

/**
 * Rate row ids are `<class>@<YYYY-MM-DD>` and terminals take ids of at most 64 characters
 * (`refIdSchema`), so a class id may have 52 at most.
 */
const MAX_CLASS_ID = 64 - '@YYYY-MM-DD'.length;

/** Every tax class with its rates newest first. */
export async function taxClasses(deps: TaxAdminDeps): Promise<queries.TaxClassView[]> {
  return queries.listTaxClasses(deps.db);
}

/** Creates a class (no rates yet: the first rate change gives it one). */
export async function createTaxClass(
  deps: TaxAdminDeps,
  actor: Actor,
  input: ClassInput,
): Promise<queries.TaxClassView> {
  if (input.taxClassId.length > MAX_CLASS_ID) {
    invalid('taxClassId', `at most ${String(MAX_CLASS_ID)} characters (rate ids add the date)`);
  }
  await inActorTransaction(deps.db, actor, async (tx) => {
    if (!(await queries.insertTaxClass(tx, { ...input, hsnPrefixes: unique(input.hsnPrefixes) })))
      throw new AppError('CONFLICT', `Tax class "${input.taxClassId}" exists.`, {
        field: 'taxClassId',
      });
  });
  return classOf(deps, input.taxClassId);
}

/** Replaces a class's description and HSN prefixes. */
export async function updateTaxClass(
  deps: TaxAdminDeps,
  actor: Actor,
  id: string,
  input: Omit<ClassInput, 'taxClassId'>,
): Promise<queries.TaxClassView> {
  await inActorTransaction(deps.db, actor, async (tx) => {
    const done = await queries.updateTaxClass(tx, id, {
      ...input,
      hsnPrefixes: unique(input.hsnPrefixes),
    });
    if (!done) notFound(id);
  });
  return classOf(deps, id);
}

/**
 * Changes a class's rate from a date: closes the row in force then and opens `<class>@<date>`, in
 * one transaction under the class's lock. A second change on the same date replaces that day's
 * row; a date before a later row is refused (the schedule is appended to, not rewritten in the
 * middle); a date in or before a month whose GSTR-1 is filed needs a reason, which is audited.
 * A fact id seen before applies nothing and answers the class as it is.
 */
export async function changeRate(
  deps: TaxAdminDeps,
  actor: Actor,
  taxClassId: string,
  change: RateChange,
): Promise<{ taxClass: queries.TaxClassView; applied: boolean }> {
  if (!isCalendarDate(change.effectiveFrom)) {
    invalid('effectiveFrom', 'not a calendar date (YYYY-MM-DD)');
  }
  const applied = await inActorTransaction(deps.db, actor, async (tx) => {
    if (!(await queries.lockTaxClass(tx, taxClassId))) notFound(taxClassId);
    const seen = await queries.changeOfFact(tx, change.factId);
    if (seen) {
      if (seen.taxClassId !== taxClassId) {
        throw new AppError('CONFLICT', 'This factId was used for a change of another class.', {
          field: 'factId',
        });
      }
      return false;
    }
    const later = await queries.laterRowStart(tx, taxClassId, change.effectiveFrom);
    if (later !== null) {
      throw new AppError(
        'CONFLICT',
        `A rate from ${later} already exists: a change must start on or after it.`,
        { field: 'effectiveFrom', laterEffectiveFrom: later },
      );
    }
    const filed = await queries.filingsFrom(tx, change.effectiveFrom.slice(0, 7));
    if (filed.length > 0 && !change.confirmFiledMonth) {
      throw new AppError(
        'RATE_CHANGE_IN_FILED_MONTH',
        `GSTR-1 is filed for ${filed[0]?.period ?? ''}: a rate from ${change.effectiveFrom} re-prices filed invoices. Confirm with a reason.`,
        { field: 'effectiveFrom', filings: filed },
      );
    }
    const rateId = await queries.writeRateChange(tx, taxClassId, change);
    await queries.recordChange(tx, change.factId, taxClassId, rateId);
    await appendAudit(tx, {
      kind: 'tax.rate_changed',
      actor: auditActorOf(actor),
      subject: rateId,
      data: {
        taxClassId,
        factId: change.factId,
        rateBp: change.rateBp,
        cessBp: change.cessBp,
        cessSpecificMinor: change.cessSpecificMinor,
        cessSpecificPerQty: change.cessSpecificPerQty,
        effectiveFrom: change.effectiveFrom,
        ...(filed.length > 0
          ? { filedPeriods: filed, filedMonthReason: change.confirmFiledMonth?.reason ?? null }
          : {}),
      },
    });
    return true;
  });
  return { taxClass: await classOf(deps, taxClassId), applied };
}

async function classOf(deps: TaxAdminDeps, id: string): Promise<queries.TaxClassView> {
  return (await queries.listTaxClasses(deps.db, id))[0] ?? notFound(id);
}

/** Whether `YYYY-MM-DD` names a real day (the wire schema checks only the shape). */
function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return (
    y >= 2017 &&
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m - 1 &&
    date.getUTCDate() === d
  );
}

function unique(prefixes: readonly string[]): string[] {
  return [...new Set(prefixes)].sort();
}

function invalid(path: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', `The tax class change is not valid: ${message}.`, {
    fields: [{ path, message }],
  });
}

function notFound(id: string): never {
  throw new AppError('NOT_FOUND', `No tax class "${id}".`);
}
