import { Hono } from 'hono';
import { pinEventsUploadSchema, setPinRequestSchema } from '@kiryana/shared';
import type { AppEnv } from '../../http/app-env';
import type { ActorEnv } from '../../http/require-actor';
import { readJson } from '../../http/request-body';
import { type PinServiceDeps, issueStoreVerifiers, recordPinEvents, setPin } from './pin.service';

/** `/v1/pins` for terminals (device token): the store's verifiers, and uploads of PIN events. */
export function createDevicePinRoutes(deps: PinServiceDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/verifiers', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await issueStoreVerifiers(deps, c.var.device));
  });
  routes.post('/events', async (c) => {
    const body = await readJson(c, pinEventsUploadSchema);
    return c.json(await recordPinEvents(deps, c.var.device, body.events));
  });
  return routes;
}

/** `PUT /v1/users/:id/pin` for people (access token): set one's own PIN or a staff member's. */
export function createUserPinRoutes(deps: PinServiceDeps): Hono<ActorEnv> {
  const routes = new Hono<ActorEnv>();
  routes.put('/users/:id/pin', async (c) => {
    const { pin } = await readJson(c, setPinRequestSchema);
    return c.json(await setPin(deps, c.var.actor, c.req.param('id'), pin));
  });
  return routes;
}
