import { createHash } from 'node:crypto';

/**
 * Canonical JSON of an audit entry, computed independently of the database's `audit_canonical`
 * (0201_audit.sql) so that a verifier does not trust the code that wrote the chain. Keys sorted by
 * code point (what `COLLATE "C"` does on UTF-8), no whitespace, strings escaped as JSON.stringify
 * does (which matches Postgres' escape_json for every string text can hold), numbers only as safe
 * integers.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) && !Object.is(value, -0)) {
      throw new RangeError(`audit data numbers must be safe integers, got ${value}`);
    }
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareCodePoints(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`cannot put a ${typeof value} into the audit log`);
}

/** Orders strings by Unicode code point, not by UTF-16 unit as `<` does. */
function compareCodePoints(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** What an audit entry says, without its hashes. */
export type AuditEntryBody = {
  readonly chain: string;
  readonly seq: number;
  readonly atMs: number;
  readonly kind: string;
  readonly actor: string;
  readonly storeId: string | null;
  readonly subject: string | null;
  readonly data: unknown;
};

/** The hash of an entry given the hash of the previous entry of its chain. */
export function auditEntryHash(prevHash: string, entry: AuditEntryBody): string {
  const body = canonicalJson({
    chain: entry.chain,
    seq: entry.seq,
    atMs: entry.atMs,
    kind: entry.kind,
    actor: entry.actor,
    storeId: entry.storeId,
    subject: entry.subject,
    data: entry.data,
  });
  return createHash('sha256').update(`${prevHash}\n${body}`, 'utf8').digest('hex');
}

/** The `prev_hash` of the first entry of every chain. */
export const GENESIS_HASH = '0'.repeat(64);
