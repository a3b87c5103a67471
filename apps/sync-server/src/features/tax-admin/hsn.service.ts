import { AppError } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { allHsnPrefixes, hsnPrefixesOf } from './tax-class.queries';

/** Whether an HSN fits a class's prefixes (none listed: any HSN fits). */
export function hsnFits(hsn: string, prefixes: readonly string[]): boolean {
  return prefixes.length === 0 || prefixes.some((prefix) => hsn.startsWith(prefix));
}

/**
 * Refuses a product whose HSN is outside its tax class's prefixes (400 HSN_NOT_IN_TAX_CLASS with
 * the allowed prefixes), so a product cannot be billed at a class meant for other goods. An
 * unknown class is the caller's own check.
 */
export async function assertHsnInTaxClass(
  q: Queryable,
  taxClassId: string,
  hsn: string,
): Promise<void> {
  const prefixes = (await hsnPrefixesOf(q, taxClassId)) ?? [];
  if (!hsnFits(hsn, prefixes)) {
    throw new AppError(
      'HSN_NOT_IN_TAX_CLASS',
      `HSN ${hsn} is not one of tax class "${taxClassId}": it must start with ${prefixes.join(', ')}.`,
      { field: 'hsn', taxClassId, allowedPrefixes: prefixes },
    );
  }
}

/** The HSN prefixes of every class that lists some (the CSV import checks each row with them). */
export function hsnPrefixesByClass(q: Queryable): Promise<Map<string, string[]>> {
  return allHsnPrefixes(q);
}
