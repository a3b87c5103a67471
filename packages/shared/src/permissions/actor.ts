import { z } from 'zod';
import { type Permission, permissionSchema } from './permission';
import {
  type ActorKind,
  type Role,
  ROLES_FOR_ACTOR_KIND,
  actorKindSchema,
  roleSchema,
} from './role';

/** Where a grant applies: one store, every store of one region, or the whole chain. */
export type AccessScope =
  | { readonly kind: 'store'; readonly storeId: string }
  | { readonly kind: 'region'; readonly regionId: string }
  | { readonly kind: 'all' };

/** A role held at a scope, e.g. store manager of store X. */
export type RoleGrant = { readonly role: Role; readonly scope: AccessScope };

/** A single permission held at a scope, outside any role (e.g. `sync:device` for a terminal). */
export type PermissionGrant = { readonly permission: Permission; readonly scope: AccessScope };

/** Anyone or anything that acts, with every grant it holds. */
export type Actor = {
  readonly id: string;
  readonly kind: ActorKind;
  readonly grants: readonly RoleGrant[];
  readonly extraPermissions?: readonly PermissionGrant[] | undefined;
};

const idSchema = z.string().min(1);

/** Zod schema of an `AccessScope`. */
export const accessScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('store'), storeId: idSchema }),
  z.object({ kind: z.literal('region'), regionId: idSchema }),
  z.object({ kind: z.literal('all') }),
]);

/** Zod schema of a `RoleGrant`. */
export const roleGrantSchema = z.object({ role: roleSchema, scope: accessScopeSchema });

/** Zod schema of a `PermissionGrant`. */
export const permissionGrantSchema = z.object({
  permission: permissionSchema,
  scope: accessScopeSchema,
});

/** Zod schema of an `Actor`; refuses roles its kind may not hold (see `ROLES_FOR_ACTOR_KIND`). */
export const actorSchema = z
  .object({
    id: idSchema,
    kind: actorKindSchema,
    grants: z.array(roleGrantSchema),
    extraPermissions: z.array(permissionGrantSchema).optional(),
  })
  .superRefine((actor, ctx) => {
    actor.grants.forEach((grant, index) => {
      if (!ROLES_FOR_ACTOR_KIND[actor.kind].includes(grant.role)) {
        ctx.addIssue({
          code: 'custom',
          path: ['grants', index, 'role'],
          message: `A ${actor.kind} cannot hold the ${grant.role} role.`,
        });
      }
    });
  }) satisfies z.ZodType<Actor>;
