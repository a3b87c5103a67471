import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../app-env';
import type { ActorEnv } from '../../auth/require-actor';
import { readJson } from '../../http/request-body';
import { type PinServiceDeps, issueStoreVerifiers, recordPinEvents, setPin } from './pin.service';

export const pinEventsSchema = z.strictObject({
  events: z
    .array(
      z.strictObject({
        id: z.uuid(),
        userId: z.string().min(1).max(64),
        kind: z.enum([
          'sign_in',
          'sign_in_failed',
          'locked',
          'unlocked',
          'authorised',
          'authorisation_failed',
        ]),
        action: z.enum(['void', 'refund', 'discount']).nullable(),
        at: z.iso.datetime(),
      }),
    )
    .max(500),
});
export const setPinSchema = z.strictObject({ pin: z.string().max(12) });

/** `/v1/pins` for terminals (device token): the store's verifiers, and uploads of PIN events. */
export function createDevicePinRoutes(deps: PinServiceDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/verifiers', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await issueStoreVerifiers(deps, c.var.device));
  });
  routes.post('/events', async (c) => {
    const body = await readJson(c, pinEventsSchema);
    return c.json(await recordPinEvents(deps, c.var.device, body.events));
  });
  return routes;
}

/** `PUT /v1/users/:id/pin` for people (access token): set one's own PIN or a staff member's. */
export function createUserPinRoutes(deps: PinServiceDeps): Hono<ActorEnv> {
  const routes = new Hono<ActorEnv>();
  routes.put('/users/:id/pin', async (c) => {
    const { pin } = await readJson(c, setPinSchema);
    return c.json(await setPin(deps, c.var.actor, c.req.param('id'), pin));
  });
  return routes;
}
