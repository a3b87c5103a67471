import type { Queryable } from '../../db/db';
import { type SeqBlock, takeSeqs } from './scope.queries';

/**
 * Sequence numbers of a sync scope for writers outside the push (features/workflow writes rows
 * of several stores' scopes in one transaction). Same rule as the push: numbers come from the
 * scope's counter row, whose lock is held until commit (docs/sync.md, checkpoints).
 */
export function takeScopeSeqs(tx: Queryable, scope: string, count: number): Promise<SeqBlock> {
  return takeSeqs(tx, scope, count);
}
