import { createHash } from 'node:crypto';

/**
 * Event ids are name-based UUIDs (RFC 9562 §5.5, version 5: SHA-1 of a namespace and a name) of
 * the store and the outbox row's key. A row republished after a crash or a leader change carries
 * the same id, so the bus (`Nats-Msg-Id`) and every consumer can drop the repeat.
 */

/** The namespace of Kiryana event ids (a random UUID, fixed forever: changing it renames every event). */
const EVENT_ID_NAMESPACE = Buffer.from('5f0c2a9e7b3d4c1e9a8f6b2d4e7c1a30', 'hex');

/** The stable id of the event of outbox row `eventKey` in `storeId`. */
export function eventIdOf(storeId: string, eventKey: string): string {
  const hash = createHash('sha1')
    .update(EVENT_ID_NAMESPACE)
    // A separator that neither id contains keeps ('a', 'b:c') and ('a:b', 'c') apart.
    .update(`${storeId}\n${eventKey}`)
    .digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
