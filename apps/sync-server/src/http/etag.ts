import { createHash } from 'node:crypto';

/**
 * The headers that belong to what an answer represents besides its body: two answers with the
 * same bytes but a different type, file name or replication header (the checkpoint restart, say)
 * must not share an entity tag, or a 304 would confirm the wrong one.
 */
const REPRESENTATION_HEADERS = ['content-type', 'content-disposition'] as const;

/** Headers of the sync protocol (`x-kiryana-…`, packages/shared/src/sync/headers.ts). */
const PROTOCOL_PREFIX = 'x-kiryana-';

/** Answers whose bytes get an ETag: whole documents (JSON, CSV, HTML), never streams. */
export function hasEntityTag(contentType: string): boolean {
  return /^(application\/(.+\+)?json|text\/csv|text\/html)\b/i.test(contentType);
}

/**
 * A strong entity tag for exact bytes: sha-256 over the representation headers and the body,
 * base64url, first 22 characters (132 bits: collisions are not a concern for one URL's versions).
 */
export function strongEntityTag(headers: Headers, body: Uint8Array): string {
  const hash = createHash('sha256');
  for (const name of REPRESENTATION_HEADERS) hash.update(`${name}:${headers.get(name) ?? ''}\n`);
  for (const [name, value] of protocolHeaders(headers)) hash.update(`${name}:${value}\n`);
  hash.update('\n');
  hash.update(body);
  return `"${hash.digest('base64url').slice(0, 22)}"`;
}

/** The sync protocol's headers of an answer, sorted by name (Headers iterates in that order). */
function protocolHeaders(headers: Headers): [string, string][] {
  return [...headers.entries()].filter(([name]) => name.startsWith(PROTOCOL_PREFIX));
}

/**
 * Whether `If-None-Match` names `etag` (RFC 9110 §13.1.2): `*`, or a list of entity tags compared
 * weakly, so `W/"x"` matches `"x"` (a proxy that compressed the answer weakens its tag).
 */
export function ifNoneMatchHits(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === wanted);
}
