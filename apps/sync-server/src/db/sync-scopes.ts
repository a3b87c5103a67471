/**
 * Names of sync scopes, as the schema's triggers spell them (0001_core.sql): `ref` numbers all
 * reference data, `store:<storeId>` a store's facts and projections.
 */

/** The scope of all reference data. */
export const REF_SCOPE = 'ref';

/** The scope of a store's facts and projections. */
export function storeScope(storeId: string): string {
  return `store:${storeId}`;
}
