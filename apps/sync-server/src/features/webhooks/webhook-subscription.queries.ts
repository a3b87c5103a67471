import type { ScopeFilter } from '@kiryana/shared';
import type { Queryable } from '../../db/db';

/** The SQL of webhook subscriptions (migration 0520). Every read names the owner. */

/** A subscription row as the service uses it. */
export type SubscriptionRow = {
  id: string;
  owner_id: string;
  url: string;
  event_types: string[];
  store_ids: string[] | null;
  description: string;
  status: 'active' | 'paused' | 'disabled';
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  created_at: Date;
};

const COLUMNS = `id::text AS id, owner_id, url, event_types, store_ids, description, status, secret,
  previous_secret, previous_secret_expires_at, created_at`;

/** The fields a subscription is written with. */
export type SubscriptionWrite = {
  url: string;
  eventTypes: readonly string[];
  storeIds: readonly string[] | null;
  description: string;
  status: SubscriptionRow['status'];
  scope: ScopeFilter;
};

function scopeParams(scope: ScopeFilter): [boolean, string[], string[]] {
  return scope.all ? [true, [], []] : [false, [...scope.storeIds], [...scope.regionIds]];
}

/** Inserts a subscription. */
export async function insertSubscription(
  q: Queryable,
  row: SubscriptionWrite & { id: string; ownerId: string; secret: string; nowIso: string },
): Promise<SubscriptionRow> {
  const { rows } = await q.query<SubscriptionRow>(
    `INSERT INTO webhook_subscriptions (id, owner_id, url, event_types, store_ids, scope_all,
       scope_store_ids, scope_region_ids, description, status, secret, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
     RETURNING ${COLUMNS}`,
    [
      row.id,
      row.ownerId,
      row.url,
      row.eventTypes,
      row.storeIds,
      ...scopeParams(row.scope),
      row.description,
      row.status,
      row.secret,
      row.nowIso,
    ],
  );
  const inserted = rows[0];
  if (!inserted) throw new Error('INSERT … RETURNING gave no row');
  return inserted;
}

/** The owner's subscriptions, oldest first. */
export async function selectSubscriptions(
  q: Queryable,
  ownerId: string,
): Promise<SubscriptionRow[]> {
  const { rows } = await q.query<SubscriptionRow>(
    `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE owner_id = $1 ORDER BY created_at, id`,
    [ownerId],
  );
  return rows;
}

/** One of the owner's subscriptions; `lock` takes its row for an update in the transaction. */
export async function selectSubscription(
  q: Queryable,
  ownerId: string,
  id: string,
  lock = false,
): Promise<SubscriptionRow | undefined> {
  const { rows } = await q.query<SubscriptionRow>(
    `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE id = $1 AND owner_id = $2
     ${lock ? 'FOR NO KEY UPDATE' : ''}`,
    [id, ownerId],
  );
  return rows[0];
}

/** Rewrites a subscription's settings (and the owner's scope as it is now). */
export async function updateSubscription(
  q: Queryable,
  id: string,
  row: SubscriptionWrite & { nowIso: string },
): Promise<SubscriptionRow> {
  const { rows } = await q.query<SubscriptionRow>(
    `UPDATE webhook_subscriptions
        SET url = $2, event_types = $3, store_ids = $4, scope_all = $5, scope_store_ids = $6,
            scope_region_ids = $7, description = $8, status = $9, updated_at = $10
      WHERE id = $1
      RETURNING ${COLUMNS}`,
    [
      id,
      row.url,
      row.eventTypes,
      row.storeIds,
      ...scopeParams(row.scope),
      row.description,
      row.status,
      row.nowIso,
    ],
  );
  const updated = rows[0];
  if (!updated) throw new Error('UPDATE … RETURNING gave no row');
  return updated;
}

/** Deletes one of the owner's subscriptions with its deliveries; false when there was none. */
export async function deleteSubscription(
  q: Queryable,
  ownerId: string,
  id: string,
): Promise<boolean> {
  const { rowCount } = await q.query(
    'DELETE FROM webhook_subscriptions WHERE id = $1 AND owner_id = $2',
    [id, ownerId],
  );
  return rowCount > 0;
}

/** Sets a new secret; the current one becomes the previous, signing until `expiresIso`. */
export async function rotateSubscriptionSecret(
  q: Queryable,
  id: string,
  secret: string,
  expiresIso: string,
  nowIso: string,
): Promise<void> {
  await q.query(
    `UPDATE webhook_subscriptions
        SET previous_secret = secret, previous_secret_expires_at = $3, secret = $2, updated_at = $4
      WHERE id = $1`,
    [id, secret, expiresIso, nowIso],
  );
}

/** The subscription and event of one of the owner's deliveries (for its audit entry). */
export async function selectDeliverySubscription(
  q: Queryable,
  ownerId: string,
  deliveryId: string,
): Promise<{ subscription_id: string; event_id: string } | undefined> {
  const { rows } = await q.query<{ subscription_id: string; event_id: string }>(
    `SELECT d.subscription_id::text AS subscription_id, d.event_id::text AS event_id
       FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
      WHERE d.id = $1 AND s.owner_id = $2`,
    [deliveryId, ownerId],
  );
  return rows[0];
}

/** The ids of these stores that exist. */
export async function existingStoreIds(q: Queryable, ids: readonly string[]): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>('SELECT id FROM stores WHERE id = ANY($1)', [ids]);
  return rows.map((row) => row.id);
}
