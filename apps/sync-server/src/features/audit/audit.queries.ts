import type { ScopeFilter } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import type { AuditEntryBody } from './canonical-json';

/** A stored audit entry. */
export type AuditEntry = AuditEntryBody & { readonly prevHash: string; readonly hash: string };

type AuditRow = {
  chain: string;
  seq: number;
  at_ms: number;
  kind: string;
  actor: string;
  store_id: string | null;
  subject: string | null;
  data: unknown;
  prev_hash: string;
  hash: string;
};

const COLUMNS = 'chain, seq, at_ms, kind, actor, store_id, subject, data, prev_hash, hash';

function toEntry(row: AuditRow): AuditEntry {
  return {
    chain: row.chain,
    seq: row.seq,
    atMs: row.at_ms,
    kind: row.kind,
    actor: row.actor,
    storeId: row.store_id,
    subject: row.subject,
    data: row.data,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Entries of one chain after `afterSeq`, in order, at most `limit`. */
export async function chainEntries(
  q: Queryable,
  chain: string,
  afterSeq: number,
  limit: number,
): Promise<AuditEntry[]> {
  const { rows } = await q.query<AuditRow>(
    `SELECT ${COLUMNS} FROM audit_log WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [chain, afterSeq, limit],
  );
  return rows.map(toEntry);
}

/** The head of every chain (or of the named ones): its last seq and hash. */
export async function chainHeads(
  q: Queryable,
  filter: { chains?: readonly string[] } = {},
): Promise<{ chain: string; lastSeq: number; lastHash: string }[]> {
  const { rows } = await q.query<{ chain: string; last_seq: number; last_hash: string }>(
    `SELECT chain, last_seq, last_hash FROM audit_chains
      WHERE $1::text[] IS NULL OR chain = ANY($1) ORDER BY chain`,
    [filter.chains ? [...filter.chains] : null],
  );
  return rows.map((r) => ({ chain: r.chain, lastSeq: r.last_seq, lastHash: r.last_hash }));
}

/**
 * Entries of a period, `fromMs` inclusive to `toMs` exclusive, of the chains the reader may see:
 * all of them, or the given stores' chains (the global chain needs `all`). Filtered in SQL.
 */
export async function periodEntries(
  q: Queryable,
  input: { fromMs: number; toMs: number; filter: ScopeFilter; limit: number },
): Promise<AuditEntry[]> {
  const { rows } = await q.query<AuditRow>(
    `SELECT ${COLUMNS} FROM audit_log
      WHERE at_ms >= $1 AND at_ms < $2 AND ${STORE_IN_SCOPE}
      ORDER BY chain, seq LIMIT $6`,
    [input.fromMs, input.toMs, ...filterParams(input.filter), input.limit],
  );
  return rows.map(toEntry);
}

/** The chains a reader may verify: every chain with `all`, else those of the stores within reach. */
export async function chainsInScope(
  q: Queryable,
  filter: ScopeFilter,
): Promise<string[] | undefined> {
  if (filter.all) return undefined;
  const { rows } = await q.query<{ chain: string }>(
    `SELECT 'store:' || s.id AS chain FROM stores s
      WHERE s.id = ANY($1::text[]) OR s.region_id = ANY($2::text[]) ORDER BY s.id`,
    [[...filter.storeIds], [...filter.regionIds]],
  );
  return rows.map((r) => r.chain);
}

/** Entries of the store scope only: store chains of permitted stores; the global chain needs `all`. */
const STORE_IN_SCOPE = `($3::boolean OR store_id = ANY($4::text[])
  OR store_id IN (SELECT s.id FROM stores s WHERE s.region_id = ANY($5::text[])))`;

function filterParams(filter: ScopeFilter): [boolean, string[], string[]] {
  return filter.all ? [true, [], []] : [false, [...filter.storeIds], [...filter.regionIds]];
}
