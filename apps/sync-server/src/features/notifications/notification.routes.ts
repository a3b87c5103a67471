import {
  notificationListSchema,
  notificationsReadSchema,
  queryIntSchema,
  validationError,
} from '@kiryana/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import type { ApiOperation } from '../../http/openapi';
import type { ActorEnv } from '../../http/require-actor';
import { permittedScope, requirePermission } from '../../http/require-permission';
import { readQuery } from '../../http/request-body';
import {
  type NotificationDeps,
  markNotificationsRead,
  notificationsInReach,
} from './notification.service';

const notificationsQuerySchema = z.object({
  unread: z.enum(['true', 'false']).default('false'),
  limit: queryIntSchema(1, 200).default(50),
});
const notificationParamSchema = z.object({ id: z.uuid() });

/**
 * `/v1/admin/notifications…`: the low-stock alerts of the stores the reader reaches with
 * `stock:read`, newest first, and marking them read (one, or all in reach).
 */
export function createNotificationRoutes(deps: NotificationDeps): Hono<ActorEnv> {
  const routes = new Hono<ActorEnv>();
  const canRead = requirePermission('stock:read');
  routes.get('/notifications', canRead, async (c) => {
    const query = readQuery(c, notificationsQuerySchema);
    c.header('Cache-Control', 'no-store');
    return c.json(
      await notificationsInReach(deps, permittedScope(c, 'stock:read'), {
        unreadOnly: query.unread === 'true',
        limit: query.limit,
      }),
    );
  });
  routes.post('/notifications/read-all', canRead, async (c) =>
    c.json(
      await markNotificationsRead(deps, permittedScope(c, 'stock:read'), {
        id: null,
        actorId: c.var.actor.id,
      }),
    ),
  );
  routes.post('/notifications/:id/read', canRead, async (c) => {
    const params = notificationParamSchema.safeParse(c.req.param());
    if (!params.success) throw validationError(params.error, 'path');
    return c.json(
      await markNotificationsRead(deps, permittedScope(c, 'stock:read'), {
        id: params.data.id,
        actorId: c.var.actor.id,
      }),
    );
  });
  return routes;
}

/** OpenAPI description of the notification endpoints (tagged Admin by the admin API). */
export const notificationOperations: readonly Omit<ApiOperation, 'tag' | 'auth'>[] = [
  {
    method: 'get',
    path: '/v1/admin/notifications',
    operationId: 'listNotifications',
    summary: 'Low-stock alerts of the stores in reach, newest first, with the unread count.',
    description:
      'Needs stock:read; lists only the stores where the caller holds it. `unread=true` keeps the unread ones. One alert per product crossing its reorder level downwards (the `stock.low` event).',
    query: notificationsQuerySchema,
    responses: { 200: { description: 'Notifications.', schema: notificationListSchema } },
    errors: [400, 403],
  },
  {
    method: 'post',
    path: '/v1/admin/notifications/:id/read',
    operationId: 'markNotificationRead',
    summary: 'Mark one notification read (for everyone of its store).',
    params: notificationParamSchema,
    responses: { 200: { description: 'Marked.', schema: notificationsReadSchema } },
    errors: [400, 403, 404],
  },
  {
    method: 'post',
    path: '/v1/admin/notifications/read-all',
    operationId: 'markAllNotificationsRead',
    summary: 'Mark every unread notification in reach read.',
    responses: { 200: { description: 'Marked.', schema: notificationsReadSchema } },
    errors: [403],
  },
];
