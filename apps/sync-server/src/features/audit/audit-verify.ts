import type { AuditVerification, ScopeFilter } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { chainEntries, chainHeads, chainsInScope } from './audit.queries';
import { GENESIS_HASH, auditEntryHash } from './canonical-json';

/**
 * Where a chain first stops proving itself:
 * - `hash_mismatch`: the entry's content no longer gives its stored hash (the row was edited);
 * - `prev_hash_mismatch`: the entry does not point at the previous entry's hash (a row before it
 *   was replaced with recomputed hashes, or the entry was re-linked);
 * - `missing`: no entry with this seq although later ones exist or the chain head counts it
 *   (the row was deleted);
 * - `head_mismatch`: the chain's head records another last hash than its last entry has.
 */
type AuditBreak = AuditVerification['breaks'][number];

const PAGE = 1000;

/** Recomputes every chain (or the named ones) from its first entry and reports the first break of each. */
export async function verifyAuditLog(
  q: Queryable,
  options: { chains?: readonly string[] } = {},
): Promise<AuditVerification> {
  const heads = await chainHeads(q, options);
  const breaks: AuditBreak[] = [];
  let entries = 0;
  for (const head of heads) {
    const result = await verifyChain(q, head);
    entries += result.entries;
    if (result.break) breaks.push(result.break);
  }
  return { ok: breaks.length === 0, chains: heads.length, entries, breaks };
}

async function verifyChain(
  q: Queryable,
  head: { chain: string; lastSeq: number; lastHash: string },
): Promise<{ entries: number; break?: AuditBreak }> {
  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  for (;;) {
    const page = await chainEntries(q, head.chain, prevSeq, PAGE);
    for (const entry of page) {
      entries += 1;
      const at = (seq: number, problem: AuditBreak['problem']) => ({
        entries,
        break: { chain: head.chain, seq, problem },
      });
      if (entry.seq !== prevSeq + 1) return at(prevSeq + 1, 'missing');
      if (auditEntryHash(entry.prevHash, entry) !== entry.hash)
        return at(entry.seq, 'hash_mismatch');
      if (entry.prevHash !== prevHash) return at(entry.seq, 'prev_hash_mismatch');
      prevSeq = entry.seq;
      prevHash = entry.hash;
    }
    if (page.length < PAGE) break;
  }
  if (head.lastSeq > prevSeq) {
    return { entries, break: { chain: head.chain, seq: prevSeq + 1, problem: 'missing' } };
  }
  if (head.lastHash !== prevHash) {
    return { entries, break: { chain: head.chain, seq: prevSeq, problem: 'head_mismatch' } };
  }
  return { entries };
}

/** Verifies the chains a reader reaches: every chain for a chain-wide reader, else their stores'. */
export async function verifyAuditInScope(
  q: Queryable,
  filter: ScopeFilter,
): Promise<AuditVerification> {
  const chains = await chainsInScope(q, filter);
  return verifyAuditLog(q, chains ? { chains } : {});
}
