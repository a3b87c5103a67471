import { createHash } from 'node:crypto';

/**
 * Event ids are name-based UUIDs (RFC 9562 §5.3, version 3: MD5 of a namespace and a name) of the
 * store and the outbox row's key. A row republished after a crash or a leader change carries the
 * same id, so the bus (`Nats-Msg-Id`) and every consumer can drop the repeat. The relay has
 * Postgres hash while it reads (`EVENT_HASH_SQL`), which costs less than hashing in JavaScript;
 * `eventIdOf` is the same function for tests and tools. MD5 is fine here: the id
 * names an event, it protects nothing.
 */

/** The namespace of Kiryana event ids (random, fixed forever: changing it renames every event). */
const EVENT_ID_NAMESPACE_HEX = '5f0c2a9e7b3d4c1e9a8f6b2d4e7c1a30';

const NAMESPACE = Buffer.from(EVENT_ID_NAMESPACE_HEX, 'hex');

/** The stable id of the event of outbox row `eventKey` in `storeId`. */
export function eventIdOf(storeId: string, eventKey: string): string {
  // A separator that neither id contains keeps ('a', 'b:c') and ('a:b', 'c') apart.
  return eventIdOfHash(
    createHash('md5').update(NAMESPACE).update(`${storeId}\n${eventKey}`).digest('hex'),
  );
}

/** The UUID (version 3, variant bits 10) of an MD5 digest in hex. */
export function eventIdOfHash(hex: string): string {
  const variant = '89ab'[Number.parseInt(hex.charAt(16), 16) & 3] ?? '8';
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-3${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The MD5 digest `eventIdOf` starts from, in SQL over the columns `store_id` and `event_key` of
 * the row alias `o`. Postgres hashes while it reads; turning the digest into a UUID is cheaper in
 * JavaScript than in SQL text functions.
 */
export const EVENT_HASH_SQL = `md5(decode('${EVENT_ID_NAMESPACE_HEX}', 'hex') || convert_to(o.store_id || E'\\n' || o.event_key, 'UTF8'))`;
