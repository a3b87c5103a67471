import { createHash } from 'node:crypto';

/**
 * Event ids are name-based UUIDs (RFC 9562 §5.3, version 3: MD5 of a namespace and a name) of the
 * store and the outbox row's key. A row republished after a crash or a leader change carries the
 * same id, so the bus (`Nats-Msg-Id`) and every consumer can drop the repeat. The relay has
 * Postgres compute them while it reads (`EVENT_ID_SQL`), which costs far less than hashing in
 * JavaScript; `eventIdOf` is the same function for tests and tools. MD5 is fine here: the id
 * names an event, it protects nothing.
 */

/** The namespace of Kiryana event ids (random, fixed forever: changing it renames every event). */
export const EVENT_ID_NAMESPACE_HEX = '5f0c2a9e7b3d4c1e9a8f6b2d4e7c1a30';

const NAMESPACE = Buffer.from(EVENT_ID_NAMESPACE_HEX, 'hex');

/** The stable id of the event of outbox row `eventKey` in `storeId`. */
export function eventIdOf(storeId: string, eventKey: string): string {
  // A separator that neither id contains keeps ('a', 'b:c') and ('a:b', 'c') apart.
  const hex = createHash('md5').update(NAMESPACE).update(`${storeId}\n${eventKey}`).digest('hex');
  const variant = '89ab'[Number.parseInt(hex.charAt(16), 16) & 3] ?? '8';
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-3${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * `eventIdOf` in SQL over the columns `store_id` and `event_key` of the row alias `o`: the same
 * hash, version nibble 3 and variant bits 10.
 */
export const EVENT_ID_SQL = `(SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-3' || substr(h, 14, 3) || '-'
           || substr('89ab', (('x' || substr(h, 17, 1))::bit(4)::int & 3) + 1, 1) || substr(h, 18, 3)
           || '-' || substr(h, 21, 12)
      FROM (SELECT md5(decode('${EVENT_ID_NAMESPACE_HEX}', 'hex')
                       || convert_to(o.store_id || E'\\n' || o.event_key, 'UTF8')) AS h) AS hashed)`;
