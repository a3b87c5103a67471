import { billLookupQuerySchema, billLookupResponseSchema, httpStatusOf } from '@kiryana/shared';
import { z } from 'zod';
import { syncRouteDocs } from './sync.schemas';
import type { ApiOperation } from '../../http/openapi';

/**
 * The replication routes as OpenAPI operations, from the schemas the sync feature validates with.
 * Each collection gets its own pull/push path so its document schema is shown concretely.
 */
export function syncOperations(): ApiOperation[] {
  const routes = syncRouteDocs().map((doc): ApiOperation => {
    const path = `/v1/sync${doc.path}`;
    const events = doc.events;
    const statuses = [...new Set(doc.errors.map(httpStatusOf))];
    return {
      method: doc.method,
      path,
      operationId: operationIdOf(doc.method, doc.path),
      tag: 'Sync',
      summary: doc.summary,
      auth: 'device',
      ...(doc.query instanceof z.ZodObject ? { query: doc.query } : {}),
      ...(doc.body ? { body: doc.body } : {}),
      responses: {
        200: events
          ? {
              description: `Server-Sent Events: ${Object.keys(events).join(', ')}. Each event's \`data\` is JSON.`,
              contentType: 'text/event-stream',
              schema: z.union(
                Object.entries(events).map(([name, data]) =>
                  z.object({ event: z.literal(name), data }),
                ) as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]],
              ),
            }
          : {
              description: 'OK.',
              ...(doc.contentType === undefined ? {} : { contentType: doc.contentType }),
              ...(doc.response ? { schema: doc.response } : {}),
            },
      },
      errors: statuses,
    };
  });
  return [...routes, billLookupOperation()];
}

/** `GET /v1/sync/bill` (bill-lookup.routes.ts), beside the collection routes built above. */
function billLookupOperation(): ApiOperation {
  return {
    method: 'get',
    path: '/v1/sync/bill',
    operationId: 'getSyncBill',
    tag: 'Sync',
    summary:
      "One bill of the device's store with the returns made against it, by invoice number or id " +
      '(exactly one), for a return of a bill the terminal no longer keeps locally.',
    auth: 'device',
    query: billLookupQuerySchema,
    responses: { 200: { description: 'OK.', schema: billLookupResponseSchema } },
    errors: [400, 401, 404],
  };
}

/** `get /products/pull` → `pullProducts`; `get /state` → `getSyncState`. */
function operationIdOf(method: string, path: string): string {
  const parts = path.split('/').filter(Boolean);
  const camel = (text: string) =>
    text.replace(/(^|-)([a-z])/g, (_, _dash: string, ch: string) => ch.toUpperCase());
  if (parts.length === 2) return `${parts[1] ?? ''}${camel(parts[0] ?? '')}`;
  return `${method}Sync${camel(parts[0] ?? '')}`;
}
