import { AppError, type IllFormedText, findIllFormedText, validationError } from '@kiryana/shared';
import type { Context } from 'hono';
import type { z } from 'zod';

/**
 * Reads and validates a JSON body. A body that is not JSON is `BAD_JSON`; JSON of the wrong shape is
 * `VALIDATION_FAILED` listing every bad field. A declared non-JSON content type is refused before
 * parsing, so a form post never reaches a handler as an accidental string.
 */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const type = c.req.header('content-type');
  if (type !== undefined && !/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The body must be application/json.');
  }
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('BAD_JSON', 'The body is not valid JSON.');
  }
  refuseIllFormedText(findIllFormedText(body), 'request body');
  const result = schema.safeParse(body);
  if (!result.success) throw validationError(result.error, 'request body');
  return result.data;
}

/** Validates the query string (single values per key) against `schema`. */
export function readQuery<T extends z.ZodType>(c: Context, schema: T): z.output<T> {
  refuseIllFormedText(findIllFormedText(c.req.query()), 'query');
  const result = schema.safeParse(c.req.query());
  if (!result.success) throw validationError(result.error, 'query');
  return result.data;
}

/** Validates the path parameters (`:id` and the like) against `schema`. */
export function readParams<T extends z.ZodType>(c: Context, schema: T): z.output<T> {
  const result = schema.safeParse(c.req.param());
  if (!result.success) throw validationError(result.error, 'path');
  return result.data;
}

/**
 * Refuses a request holding text the database cannot store (U+0000, an unpaired surrogate) before
 * any schema or query sees it, whatever field it hides in.
 */
export function refuseIllFormedText(found: IllFormedText | undefined, what: string): void {
  if (found) {
    throw new AppError('VALIDATION_FAILED', `The ${what} is not valid.`, { fields: [found] });
  }
}
