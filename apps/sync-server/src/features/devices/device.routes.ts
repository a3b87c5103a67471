import {
  AppError,
  enrollRequestSchema,
  enrollResponseSchema,
  pinKeyResponseSchema,
  tokenRequestSchema,
  tokenResponseSchema,
} from '@kiryana/shared';
import { Hono } from 'hono';
import type { AppEnv } from '../../http/app-env';
import type { ApiOperation } from '../../http/openapi';
import { readJson } from '../../http/request-body';
import {
  type DeviceServiceDeps,
  type DeviceTokenConfig,
  enrollDevice,
  issueAccessToken,
  issuePinKey,
} from './device.service';

/** Enrolment and token endpoints; both are called without an access token. */
export function createDeviceRoutes(
  deps: DeviceServiceDeps & { readonly tokens: DeviceTokenConfig | undefined },
): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.post('/enroll', async (c) => {
    const body = await readJson(c, enrollRequestSchema);
    const enrolled = await enrollDevice(deps, body);
    c.var.logger.info(
      {
        deviceId: enrolled.deviceId,
        storeId: enrolled.storeId,
        terminalCode: enrolled.terminalCode,
      },
      'device enrolled',
    );
    c.header('Cache-Control', 'no-store');
    return c.json(enrolled, 201);
  });
  routes.post('/token', async (c) => {
    const body = await readJson(c, tokenRequestSchema);
    if (!deps.tokens) throw new AppError('UNAVAILABLE', 'Token issuing is not configured.');
    c.header('Cache-Control', 'no-store');
    return c.json(await issueAccessToken({ ...deps, tokens: deps.tokens }, body));
  });
  routes.post('/pin-key', async (c) => {
    const body = await readJson(c, tokenRequestSchema);
    c.header('Cache-Control', 'no-store');
    return c.json(await issuePinKey(deps, body));
  });
  return routes;
}

/** OpenAPI description of the device endpoints. */
export const deviceOperations: readonly ApiOperation[] = [
  {
    method: 'post',
    path: '/v1/devices/enroll',
    operationId: 'enrollDevice',
    tag: 'Devices',
    summary: 'Exchange a one-time enrolment code for a device credential.',
    description:
      'A store manager creates the code (`pnpm cli enroll <store-code>`); it is valid for 24 hours and works once. The credential is bound to the code’s store and a new terminal code.',
    auth: 'none',
    body: enrollRequestSchema,
    responses: {
      201: { description: 'The device credential, shown once.', schema: enrollResponseSchema },
    },
  },
  {
    method: 'post',
    path: '/v1/devices/token',
    operationId: 'issueDeviceToken',
    tag: 'Devices',
    summary: 'Trade the device credential for a short-lived access token.',
    description:
      'Send the token as `Authorization: Bearer …` on every `/v1/sync` request; fetch a new one before it expires or on TOKEN_EXPIRED.',
    auth: 'none',
    body: tokenRequestSchema,
    responses: { 200: { description: 'An access token.', schema: tokenResponseSchema } },
    errors: [401, 503],
  },
  {
    method: 'post',
    path: '/v1/devices/pin-key',
    operationId: 'issueDevicePinKey',
    tag: 'Devices',
    summary: 'Once, the PIN key of a terminal enrolled before PIN keys existed.',
    description:
      'Authenticated with the device credential (not an access token). A device enrolled since PIN keys exist received its key with the credential and gets 409; a revoked device gets 401.',
    auth: 'none',
    body: tokenRequestSchema,
    responses: { 200: { description: 'The PIN key, shown once.', schema: pinKeyResponseSchema } },
    errors: [401, 409],
  },
];
