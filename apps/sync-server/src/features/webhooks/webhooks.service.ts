import { randomUUID } from 'node:crypto';
import {
  type Actor,
  AppError,
  type Clock,
  type CreateWebhookSubscription,
  type CreatedWebhookSubscription,
  type UpdateWebhookSubscription,
  WEBHOOK_SECRET_OVERLAP,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
  type WebhookSubscription,
  can,
  scopeFilter,
} from '@kiryana/shared';
import { storeTarget } from '../../auth/access-target';
import { forbidden } from '../../auth/assert-can';
import { auditActorOf } from '../../db/audit-actor';
import { appendAudit } from '../../db/audit-append';
import type { Db, Queryable } from '../../db/db';
import {
  type DeliveryRow,
  replayDeliveries,
  replayDelivery,
  selectDeliveries,
} from './webhook-delivery.queries';
import { newWebhookSecret } from './webhook-signing';
import {
  type SubscriptionRow,
  deleteSubscription,
  existingStoreIds,
  insertSubscription,
  rotateSubscriptionSecret,
  selectDeliverySubscription,
  selectSubscription,
  selectSubscriptions,
  updateSubscription,
} from './webhook-subscription.queries';
import { assertPublicUrl } from './webhook-target';

/** What the webhooks API needs. */
export type WebhooksDeps = {
  readonly db: Db;
  readonly clock: Clock;
  /** Accept URLs naming loopback or private addresses (dev, tests, the example integration). */
  readonly allowPrivateTargets: boolean;
  /** Tells webhooks that subscriptions changed or deliveries fell due (a replay). */
  readonly onDue?: () => void;
};

const PERMISSION = 'webhooks:manage';

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

function subscriptionOf(row: SubscriptionRow): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    eventTypes: row.event_types as WebhookSubscription['eventTypes'],
    storeIds: row.store_ids,
    description: row.description,
    status: row.status,
    createdAt: row.created_at.toISOString(),
  };
}

function deliveryOf(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type as WebhookDelivery['eventType'],
    storeId: row.store_id,
    storeSeq: row.store_seq,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    nextAttemptAt: iso(row.next_attempt_at),
    createdAt: row.created_at.toISOString(),
    deliveredAt: iso(row.delivered_at),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function notFound(): AppError {
  return new AppError('NOT_FOUND', 'No such webhook subscription.');
}

/** The caller's subscription, or 404 (also for another owner's: nobody learns it exists). */
async function ownSubscription(
  q: Queryable,
  actor: Actor,
  id: string,
  lock = false,
): Promise<SubscriptionRow> {
  if (!UUID.test(id)) throw notFound();
  const row = await selectSubscription(q, actor.id, id.toLowerCase(), lock);
  if (!row) throw notFound();
  return row;
}

/**
 * Refuses stores the caller cannot reach with `webhooks:manage` (403, saying nothing of whether
 * they exist) and, for a caller who reaches every store, stores that do not exist (400).
 */
async function assertStoresInScope(
  q: Queryable,
  actor: Actor,
  storeIds: readonly string[],
): Promise<void> {
  for (const storeId of storeIds) {
    if (!can(actor, PERMISSION, await storeTarget(q, storeId))) throw forbidden(PERMISSION);
  }
  const known = new Set(await existingStoreIds(q, storeIds));
  const unknown = storeIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'The request body is not valid.', {
      fields: [{ path: 'storeIds', message: `unknown stores: ${unknown.join(', ')}` }],
    });
  }
}

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];

/**
 * The URL as the audit log names it: a query string may carry the receiver's token, so only
 * whether it has one is recorded (a URL with user:password is refused by the wire schema).
 */
function auditedUrl(text: string): string {
  const url = new URL(text);
  return `${url.origin}${url.pathname}${url.search ? '?(redacted)' : ''}`;
}

/** What the audit log records of a subscription's settings: never its secrets. */
function auditedSettings(row: SubscriptionRow): Record<string, unknown> {
  return {
    url: auditedUrl(row.url),
    eventTypes: row.event_types,
    storeIds: row.store_ids,
    status: row.status,
  };
}

/**
 * Appends a `webhook.*` entry in the caller's transaction, so it commits or rolls back with the
 * change. On the global chain: a subscription belongs to its owner, not to one store.
 */
async function auditWebhook(
  q: Queryable,
  deps: WebhooksDeps,
  actor: Actor,
  kind: string,
  subscriptionId: string,
  data: Record<string, unknown>,
): Promise<void> {
  await appendAudit(q, {
    kind,
    actor: auditActorOf(actor),
    storeId: null,
    subject: subscriptionId,
    data,
    atMs: deps.clock.now(),
  });
}

/** Creates a subscription of the caller; the answer is the only place its secret appears. */
export async function createSubscription(
  deps: WebhooksDeps,
  actor: Actor,
  input: CreateWebhookSubscription,
): Promise<CreatedWebhookSubscription> {
  assertPublicUrl(input.url, deps.allowPrivateTargets);
  const storeIds = input.storeIds ? unique(input.storeIds) : null;
  if (storeIds) await assertStoresInScope(deps.db, actor, storeIds);
  const secret = newWebhookSecret();
  const row = await deps.db.transaction(async (tx) => {
    const inserted = await insertSubscription(tx, {
      id: randomUUID(),
      ownerId: actor.id,
      url: input.url,
      eventTypes: unique(input.eventTypes),
      storeIds,
      description: input.description ?? '',
      status: 'active',
      scope: scopeFilter(actor, PERMISSION),
      secret,
      nowIso: new Date(deps.clock.now()).toISOString(),
    });
    await auditWebhook(tx, deps, actor, 'webhook.created', inserted.id, auditedSettings(inserted));
    return inserted;
  });
  deps.onDue?.();
  return { ...subscriptionOf(row), secret };
}

/** The caller's subscriptions. */
export async function listSubscriptions(
  deps: WebhooksDeps,
  actor: Actor,
): Promise<WebhookSubscription[]> {
  return (await selectSubscriptions(deps.db, actor.id)).map(subscriptionOf);
}

/** One of the caller's subscriptions. */
export async function getSubscription(
  deps: WebhooksDeps,
  actor: Actor,
  id: string,
): Promise<WebhookSubscription> {
  return subscriptionOf(await ownSubscription(deps.db, actor, id));
}

/**
 * Changes a subscription. Its scope becomes the caller's as it is now, so a narrowed grant
 * narrows what it receives from here on. A subscription the server disabled stays disabled.
 */
export async function changeSubscription(
  deps: WebhooksDeps,
  actor: Actor,
  id: string,
  change: UpdateWebhookSubscription,
): Promise<WebhookSubscription> {
  if (change.url !== undefined) assertPublicUrl(change.url, deps.allowPrivateTargets);
  const changed = await deps.db.transaction(async (tx) => {
    const row = await ownSubscription(tx, actor, id, true);
    const storeIds =
      change.storeIds === undefined
        ? row.store_ids
        : change.storeIds === null
          ? null
          : unique(change.storeIds);
    if (change.storeIds) await assertStoresInScope(tx, actor, storeIds ?? []);
    if (row.status === 'disabled' && change.status !== undefined) {
      throw new AppError('CONFLICT', 'This subscription was disabled and cannot be resumed.');
    }
    const updated = await updateSubscription(tx, row.id, {
      url: change.url ?? row.url,
      eventTypes: change.eventTypes ? unique(change.eventTypes) : row.event_types,
      storeIds,
      description: change.description ?? row.description,
      status: row.status === 'disabled' ? row.status : (change.status ?? row.status),
      scope: scopeFilter(actor, PERMISSION),
      nowIso: new Date(deps.clock.now()).toISOString(),
    });
    // The settings before and after, so the entry shows what changed (also a no-op request).
    await auditWebhook(tx, deps, actor, 'webhook.changed', row.id, {
      before: auditedSettings(row),
      after: auditedSettings(updated),
    });
    return updated;
  });
  deps.onDue?.();
  return subscriptionOf(changed);
}

/** Deletes a subscription and its delivery log. */
export async function removeSubscription(
  deps: WebhooksDeps,
  actor: Actor,
  id: string,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const row = await ownSubscription(tx, actor, id, true);
    await deleteSubscription(tx, actor.id, row.id);
    await auditWebhook(tx, deps, actor, 'webhook.deleted', row.id, auditedSettings(row));
  });
}

/**
 * Gives a subscription a new secret. Until `overlapSeconds` have passed every delivery is signed
 * with both, so the receiver can switch when it likes; after that only with the new one.
 */
export async function rotateSecret(
  deps: WebhooksDeps,
  actor: Actor,
  id: string,
  overlapSeconds: number = WEBHOOK_SECRET_OVERLAP.defaultSec,
): Promise<{ secret: string; previousSecretExpiresAt: string }> {
  const nowMs = deps.clock.now();
  const secret = newWebhookSecret();
  const expires = new Date(nowMs + overlapSeconds * 1000).toISOString();
  await deps.db.transaction(async (tx) => {
    const row = await ownSubscription(tx, actor, id, true);
    await rotateSubscriptionSecret(tx, row.id, secret, expires, new Date(nowMs).toISOString());
    // When the old secret stops signing, never either secret.
    await auditWebhook(tx, deps, actor, 'webhook.secret_rotated', row.id, {
      previousSecretExpiresAt: expires,
    });
  });
  return { secret, previousSecretExpiresAt: expires };
}

/** A page of a subscription's delivery log, newest first. */
export async function listDeliveries(
  deps: WebhooksDeps,
  actor: Actor,
  id: string,
  query: { status?: WebhookDeliveryStatus | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: WebhookDelivery[]; nextCursor: string | null }> {
  const row = await ownSubscription(deps.db, actor, id);
  const rows = await selectDeliveries(deps.db, row.id, { ...query, limit: query.limit + 1 });
  const items = rows.slice(0, query.limit).map(deliveryOf);
  return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null };
}

/** Sends one delivery of the caller's again, whatever its state. */
export async function replayOne(
  deps: WebhooksDeps,
  actor: Actor,
  deliveryId: string,
): Promise<void> {
  const nowIso = new Date(deps.clock.now()).toISOString();
  const missing = () => new AppError('NOT_FOUND', 'No such webhook delivery.');
  if (!/^[1-9][0-9]{0,18}$/.test(deliveryId)) throw missing();
  await deps.db.transaction(async (tx) => {
    const delivery = await selectDeliverySubscription(tx, actor.id, deliveryId);
    if (!delivery || !(await replayDelivery(tx, actor.id, deliveryId, nowIso))) throw missing();
    await auditWebhook(tx, deps, actor, 'webhook.replayed', delivery.subscription_id, {
      deliveryId,
      eventId: delivery.event_id,
      count: 1,
    });
  });
  deps.onDue?.();
}

/** Sends a subscription's deliveries in a state and time range again. */
export async function replayMany(
  deps: WebhooksDeps,
  actor: Actor,
  id: string,
  filter: { status?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<number> {
  const replayed = await deps.db.transaction(async (tx) => {
    const row = await ownSubscription(tx, actor, id);
    const count = await replayDeliveries(
      tx,
      row.id,
      filter,
      new Date(deps.clock.now()).toISOString(),
    );
    // Also a replay that matched nothing: the request was made.
    await auditWebhook(tx, deps, actor, 'webhook.replayed_bulk', row.id, {
      status: filter.status ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
      count,
    });
    return count;
  });
  if (replayed > 0) deps.onDue?.();
  return replayed;
}
