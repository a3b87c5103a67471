/**
 * The replicated collections. One name is used everywhere: the RxDB collection on the terminal,
 * the URL segment `/v1/sync/{collection}/…` and the `collection` of a stream hint.
 */
export const SYNC_COLLECTIONS = [
  'products',
  'prices',
  'tax-rates',
  'stores',
  'stock-levels',
  'sales',
  'stock-movements',
  'documents',
  'parties',
] as const;

/** A replicated collection's name. */
export type SyncCollection = (typeof SYNC_COLLECTIONS)[number];

/**
 * Collections a terminal may push. Reference data and projections are server-owned and pull-only
 * on terminals (SYNC.md, data rule 3), so a push to them is refused as a whole request.
 */
export const PUSHABLE_COLLECTIONS = [
  'sales',
  'stock-movements',
  'documents',
] as const satisfies readonly SyncCollection[];

/** A collection a terminal may push. */
export type PushableCollection = (typeof PUSHABLE_COLLECTIONS)[number];

/** True when `name` is a replicated collection. */
export function isSyncCollection(name: string): name is SyncCollection {
  return (SYNC_COLLECTIONS as readonly string[]).includes(name);
}

/** True when terminals may push to `collection`. */
export function isPushableCollection(collection: string): collection is PushableCollection {
  return (PUSHABLE_COLLECTIONS as readonly string[]).includes(collection);
}
