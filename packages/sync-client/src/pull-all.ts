import type { SyncCheckpoint, SyncCollection } from '@kiryana/shared';
import type { SyncApi, WireDocument } from './sync-api';

/**
 * Reads a whole collection as the device may see it, page by page from the start: for readers and
 * checks (a test reading what the server holds), not for replication, which keeps its checkpoint.
 * @example
 * const sales = await pullAll(api, 'sales');
 */
export async function pullAll(
  api: Pick<SyncApi, 'pull'>,
  collection: SyncCollection,
  pageSize = 1000,
): Promise<WireDocument[]> {
  const documents: WireDocument[] = [];
  let checkpoint: SyncCheckpoint | null = null;
  for (;;) {
    const page = await api.pull(collection, checkpoint, pageSize);
    documents.push(...page.documents);
    checkpoint = page.checkpoint;
    // A short page is the last: the server fills every page it can up to the limit.
    if (page.documents.length < pageSize) return documents;
  }
}
