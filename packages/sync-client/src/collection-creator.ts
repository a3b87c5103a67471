import { addRxPlugin } from 'rxdb/plugins/core';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';

// RxDB refuses to open a collection whose schema version is above 0 without this plugin, even
// on an empty database, so whoever opens replicated collections (terminal, tests, tools) needs it.
addRxPlugin(RxDBMigrationSchemaPlugin);

type MigrationStrategy = (doc: unknown) => unknown;

/**
 * How stored documents reach a newer schema version. Every version so far only added optional
 * fields (a version-1 sale is a valid version-2 sale: packages/shared documents), so each step
 * keeps the document as it is; RxDB still needs a strategy per version to reopen a database
 * written by an older release. A version that changes a document gets its own step here.
 */
function keepAsIs(version: number): Record<number, MigrationStrategy> {
  const strategies: Record<number, MigrationStrategy> = {};
  for (let v = 1; v <= version; v++) strategies[v] = (doc) => doc;
  return strategies;
}

/**
 * The `addCollections` entry of a replicated collection: its schema (from `rxJsonSchemaOf`) and
 * the migration strategies up to its version.
 * @example
 * await db.addCollections({ sales: collectionCreatorOf(rxJsonSchemaOf('sales')) });
 */
export function collectionCreatorOf<S extends { readonly version: number }>(
  schema: S,
): { schema: S; migrationStrategies: Record<number, MigrationStrategy> } {
  return { schema, migrationStrategies: keepAsIs(schema.version) };
}
