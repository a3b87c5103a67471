import {
  auditVerificationSchema,
  pinEventsUploadSchema,
  setPinRequestSchema,
} from '@kiryana/shared';
import { z } from 'zod';
import type { ApiOperation } from '../../http/openapi';
import { exportQuerySchema } from '../audit/audit.routes';
import {
  assignSchema,
  assignmentsQuerySchema,
  createUserSchema,
  periodSchema,
  stockQuerySchema,
} from './identity.routes';

const scope = z.union([
  z.object({ kind: z.literal('store'), storeId: z.string() }),
  z.object({ kind: z.literal('region'), regionId: z.string() }),
  z.object({ kind: z.literal('all') }),
]);
const assignment = z.object({ id: z.string(), userId: z.string(), role: z.string(), scope });
const idParam = z.object({ id: z.string().min(1).max(64) });
const user = { auth: 'user' } as const;

/**
 * OpenAPI description of identity, access, audit and PIN endpoints. The provider's own endpoints
 * are described by its discovery document at `/oidc/.well-known/openid-configuration`.
 */
export const identityOperations: readonly ApiOperation[] = [
  {
    ...user,
    tag: 'Identity',
    method: 'get',
    path: '/v1/users',
    operationId: 'listUsers',
    summary: 'People holding a role within your reach, with those roles.',
    responses: { 200: { description: 'People.' } },
    errors: [403],
  },
  {
    ...user,
    tag: 'Identity',
    method: 'post',
    path: '/v1/users',
    operationId: 'createUser',
    summary: 'Create a person with a first role (users:manage and roles:assign at that scope).',
    body: createUserSchema,
    responses: { 201: { description: 'Created.' } },
    errors: [403, 404, 409],
  },
  {
    ...user,
    tag: 'Identity',
    method: 'get',
    path: '/v1/role-assignments',
    operationId: 'listRoleAssignments',
    summary: 'Role assignments within your reach, optionally of one person.',
    query: assignmentsQuerySchema,
    responses: { 200: { description: 'Assignments.', schema: z.array(assignment) } },
    errors: [403],
  },
  {
    ...user,
    tag: 'Identity',
    method: 'post',
    path: '/v1/role-assignments',
    operationId: 'assignRole',
    summary: 'Grant a role at a scope; only roles whose every permission you hold there.',
    body: assignSchema,
    responses: { 201: { description: 'The assignment.', schema: assignment } },
    errors: [403, 404],
  },
  {
    ...user,
    tag: 'Identity',
    method: 'delete',
    path: '/v1/role-assignments/:id',
    operationId: 'removeRoleAssignment',
    summary: 'Remove a role assignment you could have granted.',
    params: idParam,
    responses: { 204: { description: 'Removed.' } },
    errors: [403, 404],
  },
  {
    ...user,
    tag: 'Identity',
    method: 'put',
    path: '/v1/users/:id/pin',
    operationId: 'setPin',
    summary: 'Set a counter PIN (4–6 digits): your own, or staff you may manage.',
    params: idParam,
    body: setPinRequestSchema,
    responses: {
      200: { description: 'The PIN version.', schema: z.object({ version: z.number().int() }) },
    },
    errors: [404],
  },
  {
    ...user,
    tag: 'Identity',
    method: 'get',
    path: '/v1/stores',
    operationId: 'listStores',
    summary: 'Stores within your reach (stores:read).',
    responses: { 200: { description: 'Stores.' } },
    errors: [403],
  },
  {
    ...user,
    tag: 'Identity',
    method: 'get',
    path: '/v1/reports/sales-by-store',
    operationId: 'salesByStore',
    summary: 'Net sales and tax per store within your reach between two business dates.',
    query: periodSchema,
    responses: { 200: { description: 'Sales per store, minor units.' } },
    errors: [403],
  },
  {
    ...user,
    tag: 'Identity',
    method: 'get',
    path: '/v1/stock-levels',
    operationId: 'stockLevels',
    summary: 'Stock on hand of one store within your reach, by product id.',
    query: stockQuerySchema,
    responses: { 200: { description: 'Stock levels, base units.' } },
    errors: [403],
  },
  {
    ...user,
    tag: 'Audit',
    method: 'get',
    path: '/v1/audit/verify',
    operationId: 'verifyAudit',
    summary: 'Recompute the audit chains within your reach; names the first broken entry of each.',
    responses: { 200: { description: 'The verification.', schema: auditVerificationSchema } },
    errors: [403],
  },
  {
    ...user,
    tag: 'Audit',
    method: 'get',
    path: '/v1/audit/export',
    operationId: 'exportAudit',
    summary: 'A period of the audit log with each chain’s proof, as JSON or CSV.',
    query: exportQuerySchema,
    responses: {
      200: { description: 'Entries grouped by chain, with anchors and heads (JSON), or CSV.' },
    },
    errors: [403],
  },
  {
    tag: 'PINs',
    auth: 'device',
    method: 'get',
    path: '/v1/pins/verifiers',
    operationId: 'pinVerifiers',
    summary:
      'PIN verifiers of the people assigned to this device’s store’s counters, sealed under the device’s PIN key; replaces what the terminal had.',
    description:
      'Each entry carries `kdf` (PBKDF2-SHA256 then scrypt parameters) and `sealed` = HMAC-SHA256(device PIN key, verifier): useless without the PIN key the terminal received at enrolment. A terminal without a key gets PIN_KEY_MISSING (409) and fetches it once with POST /v1/devices/pin-key.',
    responses: { 200: { description: 'Verifiers with counter permissions and expiry.' } },
    errors: [409],
  },
  {
    tag: 'PINs',
    auth: 'device',
    method: 'post',
    path: '/v1/pins/events',
    operationId: 'uploadPinEvents',
    summary:
      'Upload PIN events recorded at the counter; each id is recorded once in the audit log.',
    description:
      'Events may name only people whose verifiers this device received; otherwise the whole upload is refused with PIN_EVENT_REFUSED (403) and nothing is recorded.',
    body: pinEventsUploadSchema,
    errors: [403],
    responses: {
      200: { description: 'How many were new.', schema: z.object({ recorded: z.number().int() }) },
    },
  },
];
