import { createHash } from 'node:crypto';

/**
 * Facts are compared by a hash of their canonical JSON (keys sorted at every level), never by
 * jsonb equality: jsonb reorders keys and normalises numbers, so comparing stored and pushed JSON
 * directly reports false conflicts (SYNC.md, data rule 4). The hash is taken over the document as
 * the shared schema parsed it, so unknown and server-only fields a client sends never count.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value ?? null, sortKeys);
}

/** JSON.stringify replacer that rebuilds every plain object with its keys in sorted order. */
function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) sorted[key] = record[key];
  return sorted;
}

/** The SHA-256 (hex) of a document's canonical JSON: its identity for idempotent pushes. */
export function documentHash(document: unknown): string {
  return createHash('sha256').update(canonicalJson(document)).digest('hex');
}
