import { Hono } from 'hono';
import { z } from 'zod';
import type { ActorEnv } from '../../http/require-actor';
import type { ApiOperation } from '../../http/openapi';
import { readParams } from '../../http/request-body';
import {
  type CounterStaffDeps,
  assignCounterStaff,
  listCounterStaff,
  unassignCounterStaff,
} from './counter-staff.service';

// Ids are printable ASCII, so a NUL byte or stray unicode is a 400, never a database error.
const idSchema = z.string().regex(/^[\x21-\x7e]{1,64}$/, 'an id');
const counterStaffParamSchema = z.object({ storeId: idSchema, userId: idSchema });
const counterStoreParamSchema = counterStaffParamSchema.pick({ storeId: true });

/** Answer of listing a store's counter staff. */
const counterStaffSchema = z.object({
  storeId: z.string(),
  people: z.array(
    z.object({
      userId: z.string(),
      displayName: z.string(),
      assignedAt: z.string(),
      assignedBy: z.string(),
    }),
  ),
});

/** Answer of assigning or removing one person. */
const counterAssignmentSchema = z.object({
  storeId: z.string(),
  userId: z.string(),
  assigned: z.boolean(),
});

/** `/v1/admin/stores/:storeId/counter-staff`: who works the store's counters (and gets PINs there). */
export function createCounterStaffRoutes(deps: CounterStaffDeps): Hono<ActorEnv> {
  const routes = new Hono<ActorEnv>();
  routes.get('/stores/:storeId/counter-staff', async (c) => {
    const { storeId } = readParams(c, counterStoreParamSchema);
    return c.json(await listCounterStaff(deps, c.var.actor, storeId));
  });
  routes.put('/stores/:storeId/counter-staff/:userId', async (c) => {
    const { storeId, userId } = readParams(c, counterStaffParamSchema);
    return c.json(await assignCounterStaff(deps, c.var.actor, storeId, userId));
  });
  routes.delete('/stores/:storeId/counter-staff/:userId', async (c) => {
    const { storeId, userId } = readParams(c, counterStaffParamSchema);
    return c.json(await unassignCounterStaff(deps, c.var.actor, storeId, userId));
  });
  return routes;
}

/** OpenAPI description of the counter staff endpoints (tagged Admin by the admin API). */
export const counterStaffOperations: readonly Omit<ApiOperation, 'tag' | 'auth'>[] = [
  {
    method: 'get',
    path: '/v1/admin/stores/:storeId/counter-staff',
    operationId: 'listCounterStaff',
    summary: 'The people assigned to the store’s counters: only their PINs reach its terminals.',
    params: counterStoreParamSchema,
    responses: { 200: { description: 'The assigned people.', schema: counterStaffSchema } },
    errors: [400, 403, 404],
  },
  {
    method: 'put',
    path: '/v1/admin/stores/:storeId/counter-staff/:userId',
    operationId: 'assignCounterStaff',
    summary:
      'Assign a person to the store’s counters (their PIN verifier then reaches its terminals).',
    description:
      'Needs devices:enroll at the store. The person must be active and hold a role that sells or authorises voids there. Audited as counter.assigned; assigning twice changes nothing.',
    params: counterStaffParamSchema,
    responses: { 200: { description: 'Assigned.', schema: counterAssignmentSchema } },
    errors: [400, 403, 404],
  },
  {
    method: 'delete',
    path: '/v1/admin/stores/:storeId/counter-staff/:userId',
    operationId: 'unassignCounterStaff',
    summary: 'Remove a person from the store’s counters; terminals drop their PIN on next contact.',
    description: 'Needs devices:enroll at the store. Audited as counter.unassigned.',
    params: counterStaffParamSchema,
    responses: { 200: { description: 'Removed.', schema: counterAssignmentSchema } },
    errors: [400, 403, 404],
  },
];
