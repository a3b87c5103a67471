import { accessScopeSchema, isoDateSchema, roleSchema, queryIntSchema } from '@kiryana/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import { storeTarget } from '../../auth/access-target';
import type { ActorEnv } from '../../http/require-actor';
import { permittedScope, requirePermission } from '../../http/require-permission';
import { readJson, readQuery } from '../../http/request-body';
import { listStores, salesByStore, stockLevelsOfStore } from './scoped-reads.service';
import {
  type UserServiceDeps,
  assignRole,
  createUser,
  listRoleAssignments,
  listUsersInScope,
  removeRoleAssignment,
} from './user.service';

export const createUserSchema = z.strictObject({
  username: z
    .string()
    .trim()
    .min(3)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ -'),
  displayName: z.string().trim().min(1).max(120),
  password: z.string().min(10).max(200).optional(),
  role: roleSchema,
  scope: accessScopeSchema,
});
export const assignSchema = z.strictObject({
  userId: z.string().min(1).max(64),
  role: roleSchema,
  scope: accessScopeSchema,
});
export const assignmentsQuerySchema = z.object({ userId: z.string().min(1).max(64).optional() });
export const periodSchema = z
  .object({ from: isoDateSchema, to: isoDateSchema })
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['to'] });
export const stockQuerySchema = z.object({
  storeId: z.string().min(1).max(64),
  after: z.string().max(64).default(''),
  limit: queryIntSchema(1, 1000).default(500),
});

/**
 * People and their scoped roles (`/v1/users`, `/v1/role-assignments`). Listings are filtered in
 * SQL by the reader's reach; changes are checked against the target scope, and nobody can grant
 * a role they could not exercise there themselves.
 */
export function createIdentityRoutes(deps: UserServiceDeps): Hono<ActorEnv> {
  const routes = new Hono<ActorEnv>();
  routes.get('/users', requirePermission('users:read'), async (c) =>
    c.json(await listUsersInScope(deps, permittedScope(c, 'users:read'))),
  );
  routes.post('/users', requirePermission('users:manage'), async (c) => {
    const body = await readJson(c, createUserSchema);
    return c.json(await createUser(deps, c.var.actor, body), 201);
  });
  routes.get('/role-assignments', requirePermission('users:read'), async (c) => {
    const { userId } = readQuery(c, assignmentsQuerySchema);
    return c.json(await listRoleAssignments(deps, permittedScope(c, 'users:read'), userId));
  });
  routes.post('/role-assignments', requirePermission('roles:assign'), async (c) => {
    const body = await readJson(c, assignSchema);
    return c.json(await assignRole(deps, c.var.actor, body), 201);
  });
  routes.delete('/role-assignments/:id', requirePermission('roles:assign'), async (c) => {
    await removeRoleAssignment(deps, c.var.actor, c.req.param('id'));
    return c.body(null, 204);
  });
  return routes;
}

/**
 * Read endpoints of the admin and HQ API that the isolation test walks today; more routes add
 * themselves the same way: `requirePermission(permission, targetOf)` in front, and SQL filtered by
 * `permittedScope` for listings.
 */
export function createScopedReadRoutes(deps: UserServiceDeps): Hono<ActorEnv> {
  const routes = new Hono<ActorEnv>();
  routes.get('/stores', requirePermission('stores:read'), async (c) =>
    c.json(await listStores(deps, permittedScope(c, 'stores:read'))),
  );
  routes.get('/reports/sales-by-store', requirePermission('reports:read'), async (c) => {
    const period = readQuery(c, periodSchema);
    return c.json({
      ...period,
      stores: await salesByStore(deps, permittedScope(c, 'reports:read'), period),
    });
  });
  routes.get(
    '/stock-levels',
    requirePermission('stock:read', (c) => storeTarget(deps.db, c.req.query('storeId') ?? '')),
    async (c) => {
      const query = readQuery(c, stockQuerySchema);
      const levels = await stockLevelsOfStore(deps, query.storeId, {
        afterProductId: query.after,
        limit: query.limit,
      });
      return c.json({ storeId: query.storeId, levels });
    },
  );
  return routes;
}
