import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../http/app-env';
import { requireOperator } from '../../http/require-operator';
import type { ApiOperation } from '../../http/openapi';
import { readJson, readQuery } from '../../http/request-body';
import {
  type DeviceServiceDeps,
  createEnrolmentCode,
  listDevices,
  revokeDevice,
} from './device.service';

const enrolmentCodeRequestSchema = z.strictObject({
  storeCode: z.string().min(1).max(16),
  ttlHours: z.number().int().min(1).max(168).default(24),
});
const enrolmentCodeResponseSchema = z.object({
  code: z.string(),
  storeId: z.string(),
  storeCode: z.string(),
  storeName: z.string(),
  expiresAt: z.string(),
});
const deviceIdParamSchema = z.object({ deviceId: z.string().min(1).max(64) });
const revokeResponseSchema = z.object({ deviceId: z.string(), revokedAt: z.string() });
const listQuerySchema = z.object({ store: z.string().min(1).max(16).optional() });
const deviceListSchema = z.array(
  z.object({
    id: z.string(),
    storeCode: z.string(),
    terminalCode: z.string(),
    name: z.string(),
    status: z.enum(['active', 'revoked']),
    enrolledMs: z.number().int(),
    lastSeenMs: z.number().int().nullable(),
  }),
);

/**
 * What the CLI does, over HTTP: used when the server holds embedded PGlite (one process only), so
 * `pnpm cli enroll` works while `pnpm start` runs. Guarded by the operator token.
 */
export function createOperatorRoutes(
  deps: DeviceServiceDeps & { readonly operatorToken: string | undefined },
): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('*', requireOperator(deps.operatorToken));
  routes.post('/enrolment-codes', async (c) => {
    const body = await readJson(c, enrolmentCodeRequestSchema);
    c.header('Cache-Control', 'no-store');
    return c.json(await createEnrolmentCode(deps, body.storeCode, body.ttlHours * 3_600_000), 201);
  });
  routes.post('/devices/:deviceId/revoke', async (c) =>
    c.json(await revokeDevice(deps, c.req.param('deviceId'))),
  );
  routes.get('/devices', async (c) =>
    c.json(await listDevices(deps, readQuery(c, listQuerySchema).store)),
  );
  return routes;
}

const operator = { tag: 'Operator', auth: 'operator' } as const;

/** OpenAPI description of the operator endpoints. */
export const operatorOperations: readonly ApiOperation[] = [
  {
    ...operator,
    method: 'post',
    path: '/v1/operator/enrolment-codes',
    operationId: 'createEnrolmentCode',
    summary: 'Create a one-time enrolment code for a store (what `pnpm cli enroll` does).',
    body: enrolmentCodeRequestSchema,
    responses: {
      201: { description: 'The code, shown once.', schema: enrolmentCodeResponseSchema },
    },
    errors: [404],
  },
  {
    ...operator,
    method: 'post',
    path: '/v1/operator/devices/:deviceId/revoke',
    operationId: 'revokeDevice',
    summary: 'Revoke a device: its next sync request is refused with DEVICE_REVOKED.',
    params: deviceIdParamSchema,
    responses: { 200: { description: 'Revoked.', schema: revokeResponseSchema } },
    errors: [404],
  },
  {
    ...operator,
    method: 'get',
    path: '/v1/operator/devices',
    operationId: 'listDevices',
    summary: 'List devices, optionally of one store.',
    query: listQuerySchema,
    responses: { 200: { description: 'Devices.', schema: deviceListSchema } },
    errors: [404],
  },
];
