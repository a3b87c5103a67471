import { createHash } from 'node:crypto';

/**
 * Facts are compared by a hash of their canonical JSON (keys sorted at every level), never by
 * jsonb equality: jsonb reorders keys and normalises numbers, so comparing stored and pushed JSON
 * directly reports false conflicts (SYNC.md, data rule 4). The hash is taken over the document as
 * the shared schema parsed it, so unknown and server-only fields a client sends never count.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

/** The SHA-256 (hex) of a document's canonical JSON: its identity for idempotent pushes. */
export function documentHash(document: unknown): string {
  return createHash('sha256').update(canonicalJson(document)).digest('hex');
}
