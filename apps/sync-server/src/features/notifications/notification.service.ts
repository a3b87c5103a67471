import {
  AppError,
  type EventEnvelope,
  type Notification,
  type ScopeFilter,
  stockLevelChangedDataSchema,
  stockLowDataSchema,
} from '@kiryana/shared';
import type { LiveHub } from '../../http/app-env';
import type { Db } from '../../db/db';
import * as queries from './notification.queries';

/** What the notification services and the stock consumers need. */
export type NotificationDeps = { readonly db: Db; readonly live: LiveHub };

/**
 * Handles a `stock.low` event: stores its notification (once: the event id is the key) and tells
 * the admin streams of every process. The hint goes out on every delivery, so a handler that
 * stored the row and died before announcing it announces it on the redelivery.
 */
export async function recordLowStock(deps: NotificationDeps, event: EventEnvelope): Promise<void> {
  const data = stockLowDataSchema.parse(event.data);
  await queries.insertLowStockNotification(deps.db, {
    eventId: event.id,
    storeId: event.storeId,
    productId: data.productId,
    qtyBase: data.qtyBase,
    reorderLevelBase: data.reorderLevelBase,
    occurredAt: event.occurredAt,
  });
  await deps.live.publishAdmin?.({ kind: 'notification', storeId: event.storeId, id: event.id });
}

/**
 * Handles a `stock.level_changed` event: tells the admin streams of every process the product's
 * level as it is now. The figure is read, not taken from the event, so a late or repeated delivery
 * can never show an older level than the database holds (handling an event twice is harmless).
 */
export async function announceLevel(deps: NotificationDeps, event: EventEnvelope): Promise<void> {
  const { productId } = stockLevelChangedDataSchema.parse(event.data);
  const level = await queries.currentLevel(deps.db, event.storeId, productId);
  await deps.live.publishAdmin?.({ kind: 'stock', storeId: event.storeId, productId, level });
}

/** The newest notifications in reach and how many are unread. */
export async function notificationsInReach(
  deps: NotificationDeps,
  filter: ScopeFilter,
  input: { readonly unreadOnly: boolean; readonly limit: number },
): Promise<{ notifications: Notification[]; unread: number }> {
  const [notifications, unread] = await Promise.all([
    queries.listNotifications(deps.db, filter, input),
    queries.countUnread(deps.db, filter),
  ]);
  return { notifications, unread };
}

/**
 * Marks one notification in reach read (`id`), or every unread one in reach (`id` null). A
 * notification outside the reader's reach is as unknown as a missing one (404, nothing leaks).
 */
export async function markNotificationsRead(
  deps: NotificationDeps,
  filter: ScopeFilter,
  input: { readonly id: string | null; readonly actorId: string },
): Promise<{ marked: number; unread: number }> {
  const { found, marked } = await queries.markRead(deps.db, filter, input);
  if (input.id !== null && found === 0) throw new AppError('NOT_FOUND', 'No such notification.');
  return { marked, unread: await queries.countUnread(deps.db, filter) };
}
