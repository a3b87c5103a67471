import { errorEnvelopeSchema } from '@kiryana/shared';
import { z } from 'zod';
import { hasEntityTag } from './etag';

/**
 * The OpenAPI 3.1 document is generated from the same zod schemas the routes validate with, so it
 * cannot drift from what the server accepts. Each feature lists its operations next to its routes;
 * a test checks that every route the app serves is documented.
 */

/** HTTP methods the API uses. */
type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A documented response: a JSON body of `schema`, or another media type described in words. */
type ApiResponse = {
  readonly description: string;
  readonly schema?: z.ZodType;
  /** Defaults to application/json. */
  readonly contentType?: string;
};

/** One documented operation. `path` is written as in Hono (`/v1/sync/:collection/pull`). */
export type ApiOperation = {
  readonly method: HttpMethod;
  readonly path: string;
  readonly operationId: string;
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  /**
   * `device`: a device access token in `Authorization: Bearer …`; `operator`: the CLI's token;
   * `user`: an OpenID access token of a person or an HQ integration.
   */
  readonly auth: 'none' | 'device' | 'operator' | 'user';
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** Success responses by status; error responses are added from `errors`. */
  readonly responses: Readonly<Record<number, ApiResponse>>;
  /** Error statuses this operation may answer with the shared envelope. */
  readonly errors?: readonly number[];
};

/** A tag with the words shown above its operations. */
export type ApiTag = { readonly name: string; readonly description: string };

type JsonObject = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'The request is malformed or fails validation (BAD_JSON, VALIDATION_FAILED, …).',
  401: 'No valid access token (UNAUTHENTICATED, TOKEN_EXPIRED, DEVICE_REVOKED).',
  403: 'The credential may not do this (FORBIDDEN, SCOPE_VIOLATION).',
  404: 'No such resource or collection.',
  409: 'The request conflicts with the stored state.',
  413: 'The body is larger than the server accepts.',
  415: 'The body is not JSON.',
  426: 'The client is too old for this server.',
  503: 'The server cannot answer now; retry after `Retry-After` seconds.',
};

const ETAG_HEADER = {
  description: 'A strong entity tag of the exact answer; send it back as `If-None-Match`.',
  schema: { type: 'string' },
};
const NOT_MODIFIED =
  'Not modified: `If-None-Match` named the current ETag. No body; the copy the client holds is current.';

/** JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) of a zod schema. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    reused: 'inline',
  }) as JsonObject;
  return rest;
}

/** Builds the OpenAPI 3.1 document of `operations`. */
export function buildOpenApiDocument(input: {
  title: string;
  version: string;
  description: string;
  tags: readonly ApiTag[];
  operations: readonly ApiOperation[];
  /** What the server POSTs to subscribers (`openapi-webhooks.ts`), with the schemas it refers to. */
  webhooks?: { readonly webhooks: JsonObject; readonly schemas: JsonObject };
}): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const op of input.operations) {
    const path = toOpenApiPath(op.path);
    const item = (paths[path] ??= {});
    if (item[op.method])
      throw new Error(`operation ${op.method.toUpperCase()} ${path} documented twice`);
    item[op.method] = operationObject(op);
  }
  return {
    openapi: '3.1.0',
    info: { title: input.title, version: input.version, description: input.description },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    // A feature may bring operations under a tag the app did not list: show them anyway.
    tags: [
      ...input.tags.map((tag) => ({ ...tag })),
      ...[...new Set(input.operations.map((op) => op.tag))]
        .filter((name) => !input.tags.some((tag) => tag.name === name))
        .map((name) => ({ name, description: '' })),
    ],
    paths,
    ...(input.webhooks ? { webhooks: input.webhooks.webhooks } : {}),
    components: {
      schemas: {
        ErrorEnvelope: jsonSchemaOf(errorEnvelopeSchema, 'output'),
        ...input.webhooks?.schemas,
      },
      securitySchemes: {
        deviceToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'Short-lived device access token from POST /v1/devices/token.',
        },
        userToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'An OpenID access token (RFC 9068) from the embedded provider at /oidc or the configured issuer.',
        },
        operatorToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'Derived from DEVICE_TOKEN_SECRET; used by `pnpm cli` against a running server.',
        },
      },
    },
  };
}

/** `/v1/sync/:collection/pull` → `/v1/sync/{collection}/pull`. */
function toOpenApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
}

function operationObject(op: ApiOperation): JsonObject {
  const parameters = [...parametersOf(op.params, 'path'), ...parametersOf(op.query, 'query')];
  const responses: Record<string, JsonObject> = {};
  for (const [status, response] of Object.entries(op.responses)) {
    const contentType = response.contentType ?? 'application/json';
    responses[status] = {
      description: response.description,
      ...(response.schema || contentType !== 'application/json'
        ? {
            content: {
              [contentType]: response.schema
                ? { schema: jsonSchemaOf(response.schema, 'output') }
                : {},
            },
          }
        : {}),
    };
  }
  // http/http-caching.ts tags these answers and answers a matching If-None-Match with 304.
  const ok = responses['200'];
  if (
    op.method === 'get' &&
    ok &&
    hasEntityTag(op.responses[200]?.contentType ?? 'application/json')
  ) {
    ok.headers = { ETag: ETAG_HEADER };
    responses['304'] = { description: NOT_MODIFIED, headers: { ETag: ETAG_HEADER } };
  }
  const errors = new Set([
    ...(op.errors ?? []),
    ...(op.body ? [400, 413, 415] : []),
    ...(op.auth === 'none' ? [] : [401]),
  ]);
  for (const status of [...errors].sort()) {
    responses[String(status)] = {
      description: ERROR_DESCRIPTIONS[status] ?? 'An error.',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
    };
  }
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.auth === 'none' ? {} : { security: [{ [`${op.auth}Token`]: [] }] }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchemaOf(op.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

function parametersOf(schema: z.ZodObject | undefined, location: 'path' | 'query'): JsonObject[] {
  if (!schema) return [];
  const json = jsonSchemaOf(schema, 'input') as {
    properties?: Record<string, JsonObject>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: location,
      required: location === 'path' || (json.required ?? []).includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: propertySchema,
    };
  });
}
