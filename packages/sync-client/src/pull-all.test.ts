import type { SyncCheckpoint } from '@kiryana/shared';
import { describe, expect, it } from 'vitest';
import { pullAll } from './pull-all';

const at = (seq: number): SyncCheckpoint => ({ v: 1, epoch: 'e1', seq: String(seq) });

describe('pullAll', () => {
  it('follows the checkpoint page by page and stops after the first short page', async () => {
    const asked: (SyncCheckpoint | null)[] = [];
    const documents = await pullAll(
      {
        pull: (_collection, checkpoint, limit) => {
          asked.push(checkpoint);
          const from = checkpoint === null ? 0 : Number(checkpoint.seq);
          const count = Math.min(limit, 5 - from);
          const page = Array.from({ length: count }, (_, i) => ({ id: `p${String(from + i)}` }));
          return Promise.resolve({ documents: page, checkpoint: at(from + count) });
        },
      },
      'products',
      2,
    );
    expect(documents.map((doc) => doc.id)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    expect(asked).toEqual([null, at(2), at(4)]);
  });
});
