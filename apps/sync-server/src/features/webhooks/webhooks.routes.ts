import {
  createWebhookSubscriptionSchema,
  createdWebhookSubscriptionSchema,
  rotateWebhookSecretSchema,
  rotatedWebhookSecretSchema,
  updateWebhookSubscriptionSchema,
  webhookBulkReplayAnswerSchema,
  webhookBulkReplaySchema,
  webhookDeliveryPageSchema,
  webhookDeliveryQuerySchema,
  webhookSubscriptionListSchema,
  webhookSubscriptionSchema,
} from '@kiryana/shared';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AccessTokenVerifier } from '../../auth/access-token';
import type { AppEnv } from '../../http/app-env';
import type { ApiOperation } from '../../http/openapi';
import { readJson, readQuery } from '../../http/request-body';
import { type ActorEnv, requireActor } from '../../http/require-actor';
import { requirePermission } from '../../http/require-permission';
import {
  type WebhooksDeps,
  changeSubscription,
  createSubscription,
  getSubscription,
  listDeliveries,
  listSubscriptions,
  removeSubscription,
  replayMany,
  replayOne,
  rotateSecret,
} from './webhooks.service';

const subscriptionParamSchema = z.object({ id: z.string() });

/** A body that may be left out entirely (rotate-secret, bulk replay): empty reads as `{}`. */
async function readOptionalJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  if ((await c.req.text()).trim() === '') return schema.parse({});
  return readJson(c, schema);
}
const deliveryParamSchema = z.object({ id: z.string() });

/**
 * `/v1/webhooks`: an HQ integration (client credentials) or a person with `webhooks:manage`
 * manages its own subscriptions, reads their delivery log and replays deliveries
 * (docs/webhooks.md). Another owner's subscription answers 404.
 */
export function createWebhookRoutes(
  deps: WebhooksDeps & { readonly verifyAccessToken: AccessTokenVerifier },
): Hono<AppEnv> {
  const routes = new Hono<ActorEnv>();
  routes.use('*', requireActor(deps.verifyAccessToken));
  routes.use('*', requirePermission('webhooks:manage'));
  routes.post('/subscriptions', async (c) => {
    const input = await readJson(c, createWebhookSubscriptionSchema);
    c.header('Cache-Control', 'no-store');
    return c.json(await createSubscription(deps, c.var.actor, input), 201);
  });
  routes.get('/subscriptions', async (c) =>
    c.json({ items: await listSubscriptions(deps, c.var.actor) }),
  );
  routes.get('/subscriptions/:id', async (c) =>
    c.json(await getSubscription(deps, c.var.actor, c.req.param('id'))),
  );
  routes.patch('/subscriptions/:id', async (c) => {
    const change = await readJson(c, updateWebhookSubscriptionSchema);
    return c.json(await changeSubscription(deps, c.var.actor, c.req.param('id'), change));
  });
  routes.delete('/subscriptions/:id', async (c) => {
    await removeSubscription(deps, c.var.actor, c.req.param('id'));
    return c.body(null, 204);
  });
  routes.post('/subscriptions/:id/rotate-secret', async (c) => {
    const { overlapSeconds } = await readOptionalJson(c, rotateWebhookSecretSchema);
    c.header('Cache-Control', 'no-store');
    return c.json(await rotateSecret(deps, c.var.actor, c.req.param('id'), overlapSeconds));
  });
  routes.get('/subscriptions/:id/deliveries', async (c) => {
    const query = readQuery(c, webhookDeliveryQuerySchema);
    return c.json(await listDeliveries(deps, c.var.actor, c.req.param('id'), query));
  });
  routes.post('/subscriptions/:id/replay', async (c) => {
    const filter = await readOptionalJson(c, webhookBulkReplaySchema);
    const replayed = await replayMany(deps, c.var.actor, c.req.param('id'), filter);
    return c.json({ replayed }, 202);
  });
  routes.post('/deliveries/:id/replay', async (c) => {
    await replayOne(deps, c.var.actor, c.req.param('id'));
    return c.body(null, 202);
  });
  const mounted = new Hono<AppEnv>();
  mounted.route('/v1/webhooks', routes);
  return mounted;
}

/** The tag of the webhooks API in the reference. */
export const WEBHOOKS_TAG = {
  name: 'Webhooks',
  description:
    'HQ integrations subscribe to events of the stores in their scope and receive them as signed HTTP POSTs (Standard Webhooks: `webhook-id` = event id, `webhook-timestamp`, `webhook-signature`), retried with exponential backoff and jitter for up to 3 days, then dead-lettered. Needs `webhooks:manage`; each caller sees only its own subscriptions.',
};

type Op = Omit<ApiOperation, 'tag' | 'auth'>;

const OPERATIONS: readonly Op[] = [
  {
    method: 'post',
    path: '/v1/webhooks/subscriptions',
    operationId: 'createWebhookSubscription',
    summary:
      'Subscribe to event types, for some stores or (storeIds omitted) every store in the caller’s scope, including stores added later. The answer is the only place the signing secret appears (besides rotate-secret).',
    body: createWebhookSubscriptionSchema,
    responses: {
      201: { description: 'The subscription.', schema: createdWebhookSubscriptionSchema },
    },
    errors: [400, 401, 403],
  },
  {
    method: 'get',
    path: '/v1/webhooks/subscriptions',
    operationId: 'listWebhookSubscriptions',
    summary: 'The caller’s subscriptions.',
    responses: { 200: { description: 'Subscriptions.', schema: webhookSubscriptionListSchema } },
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/v1/webhooks/subscriptions/:id',
    operationId: 'getWebhookSubscription',
    summary: 'One of the caller’s subscriptions.',
    params: subscriptionParamSchema,
    responses: { 200: { description: 'The subscription.', schema: webhookSubscriptionSchema } },
    errors: [401, 403, 404],
  },
  {
    method: 'patch',
    path: '/v1/webhooks/subscriptions/:id',
    operationId: 'updateWebhookSubscription',
    summary:
      'Change URL, types, stores (null: every store in scope), description, or pause/resume. A paused subscription keeps collecting deliveries and sends them when resumed.',
    params: subscriptionParamSchema,
    body: updateWebhookSubscriptionSchema,
    responses: { 200: { description: 'The subscription.', schema: webhookSubscriptionSchema } },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'delete',
    path: '/v1/webhooks/subscriptions/:id',
    operationId: 'deleteWebhookSubscription',
    summary: 'Delete a subscription with its delivery log.',
    params: subscriptionParamSchema,
    responses: { 204: { description: 'Deleted.' } },
    errors: [401, 403, 404],
  },
  {
    method: 'post',
    path: '/v1/webhooks/subscriptions/:id/rotate-secret',
    operationId: 'rotateWebhookSecret',
    summary:
      'A new signing secret. Until previousSecretExpiresAt (overlapSeconds, default 1 day, at most 7) deliveries carry a signature with each secret.',
    params: subscriptionParamSchema,
    body: rotateWebhookSecretSchema,
    responses: { 200: { description: 'The new secret.', schema: rotatedWebhookSecretSchema } },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'get',
    path: '/v1/webhooks/subscriptions/:id/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: 'The delivery log of a subscription, newest first; page with nextCursor.',
    params: subscriptionParamSchema,
    query: webhookDeliveryQuerySchema,
    responses: { 200: { description: 'A page of deliveries.', schema: webhookDeliveryPageSchema } },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'post',
    path: '/v1/webhooks/subscriptions/:id/replay',
    operationId: 'replayWebhookDeliveries',
    summary:
      'Send again every delivery of the subscription in a state (delivered, dead or failed; all three when omitted) created in [from, to).',
    params: subscriptionParamSchema,
    body: webhookBulkReplaySchema,
    responses: {
      202: { description: 'How many were queued again.', schema: webhookBulkReplayAnswerSchema },
    },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'post',
    path: '/v1/webhooks/deliveries/:id/replay',
    operationId: 'replayWebhookDelivery',
    summary: 'Send one delivery again, whatever its state.',
    params: deliveryParamSchema,
    responses: { 202: { description: 'Queued again.' } },
    errors: [401, 403, 404],
  },
];

/** The webhooks API's operations for the OpenAPI document. */
export const webhookOperations: readonly ApiOperation[] = OPERATIONS.map((op) => ({
  ...op,
  tag: WEBHOOKS_TAG.name,
  auth: 'user',
}));
