import type { AuditExport, ScopeFilter } from '@kiryana/shared';
import type { Queryable } from '../../db/db';
import { type AuditEntry, chainHeads, periodEntries } from './audit.queries';
import { canonicalJson } from './canonical-json';

/** How an auditor recomputes the chain, stated in every export. */
const CHAIN_ALGORITHM =
  'hash = sha256_hex(prevHash + "\\n" + canonicalJson({chain, seq, atMs, kind, actor, storeId, subject, data})); ' +
  'canonical JSON: keys sorted by code point, no whitespace, JSON.stringify string escapes, integers only; ' +
  'the first entry of a chain has prevHash of 64 zeros.';

const MAX_EXPORT_ENTRIES = 100_000;

/** Entries of a period within the reader's scope, grouped by chain with each chain's proof. */
export async function exportAudit(
  q: Queryable,
  input: { fromMs: number; toMs: number; filter: ScopeFilter },
): Promise<AuditExport> {
  const entries = await periodEntries(q, { ...input, limit: MAX_EXPORT_ENTRIES + 1 });
  const truncated = entries.length > MAX_EXPORT_ENTRIES;
  const byChain = new Map<string, AuditEntry[]>();
  for (const entry of entries.slice(0, MAX_EXPORT_ENTRIES)) {
    const list = byChain.get(entry.chain) ?? [];
    list.push(entry);
    byChain.set(entry.chain, list);
  }
  const heads = new Map(
    (await chainHeads(q, { chains: [...byChain.keys()] })).map((h) => [h.chain, h]),
  );
  const chains = [...byChain.entries()].map(([chain, list]) => {
    const first = list[0];
    const head = heads.get(chain);
    return {
      chain,
      anchor: { seq: (first?.seq ?? 1) - 1, hash: first?.prevHash ?? '' },
      entries: list,
      head: { seq: head?.lastSeq ?? 0, hash: head?.lastHash ?? '' },
    };
  });
  return {
    from: new Date(input.fromMs).toISOString(),
    to: new Date(input.toMs).toISOString(),
    algorithm: CHAIN_ALGORITHM,
    truncated,
    chains,
  };
}

const CSV_COLUMNS = [
  'chain',
  'seq',
  'at',
  'at_ms',
  'kind',
  'actor',
  'store_id',
  'subject',
  'data',
  'prev_hash',
  'hash',
];

/** The same export as CSV (RFC 4180): one entry per row, `data` as canonical JSON. */
export function auditExportCsv(exported: AuditExport): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const segment of exported.chains) {
    for (const e of segment.entries) {
      lines.push(
        [
          e.chain,
          String(e.seq),
          new Date(e.atMs).toISOString(),
          String(e.atMs),
          e.kind,
          e.actor,
          e.storeId ?? '',
          e.subject ?? '',
          canonicalJson(e.data),
          e.prevHash,
          e.hash,
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

function csvField(value: string): string {
  // A leading = + - @ would run as a formula in a spreadsheet (CSV injection).
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
