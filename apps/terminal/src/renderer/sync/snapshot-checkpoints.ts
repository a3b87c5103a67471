import { checkpointSchema, SYNC_COLLECTIONS, type SyncCheckpoint } from '@kiryana/shared';
import type { SnapshotCheckpoints } from '@kiryana/sync-client';
import { z } from 'zod';
import type { TerminalDatabase } from '../db/database';
import { readLocal, writeLocal } from '../db/local-state';

/**
 * The end checkpoints of the snapshots this terminal loaded (sync-client's bulk first load), as a
 * local document: kept with the replication scope they belong to, so a terminal moved to another
 * server or store loads its new scope's snapshots instead of trusting the old checkpoints.
 */

const keptSchema = z.object({
  scope: z.string(),
  checkpoints: z.partialRecord(z.enum(SYNC_COLLECTIONS), checkpointSchema),
});

type Kept = z.infer<typeof keptSchema>;

/** The snapshot checkpoints of `scope` in the terminal database. */
export function snapshotCheckpointsOf(db: TerminalDatabase, scope: string): SnapshotCheckpoints {
  const readKept = async (): Promise<Kept> => {
    const kept = await readLocal(db, 'snapshot-checkpoints', (data) => {
      const parsed = keptSchema.safeParse(data);
      return parsed.success ? parsed.data : undefined;
    });
    return kept?.scope === scope ? kept : { scope, checkpoints: {} };
  };
  return {
    async read(collection): Promise<SyncCheckpoint | undefined> {
      return (await readKept()).checkpoints[collection];
    },
    async write(collection, checkpoint) {
      const kept = await readKept();
      await writeLocal(db, 'snapshot-checkpoints', {
        scope,
        checkpoints: { ...kept.checkpoints, [collection]: checkpoint },
      });
    },
  };
}
