import {
  AppError,
  type ErrorCode,
  errorEnvelope,
  httpStatusOf,
  validationError,
} from '@kiryana/shared';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import type { AppEnv } from './app-env';
import { databaseInputError } from '../db/db-input-error';
import { isDatabaseUnavailable } from '../db/db-unavailable';

/** Codes for HTTP exceptions thrown by Hono middleware, which carry only a status. */
const CODE_OF_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  426: 'CLIENT_TOO_OLD',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

/** Answers an AppError with its mapped status and the shared envelope. */
function appErrorResponse(c: Context<AppEnv>, error: AppError): Response {
  const status = httpStatusOf(error.code) as ContentfulStatusCode;
  if (status === 401) c.header('WWW-Authenticate', `Bearer error="invalid_token"`);
  if (status === 503) c.header('Retry-After', '5');
  return c.json(error.toEnvelope(), status);
}

/**
 * The one error handler: every failure leaves the server as `{ error: { code, message, details } }`.
 * Errors we did not anticipate answer a plain 500 whose only detail is the request id, so nothing
 * internal leaks while the log line with the same id holds the stack.
 */
export function createErrorHandler(rootLogger: Logger) {
  return (error: unknown, c: Context<AppEnv>): Response => {
    // Set by the first middleware; absent only if that middleware itself failed.
    const logger = (c.get('logger') as Logger | undefined) ?? rootLogger;
    const fromDatabase = databaseInputError(error);
    if (fromDatabase) {
      // A gap in validation, not the client's fault alone: worth a warning with the stack.
      logger.warn({ err: error, code: fromDatabase.code }, 'database refused request data');
      return appErrorResponse(c, fromDatabase);
    }
    const known = toAppError(error);
    if (known) {
      if (httpStatusOf(known.code) >= 500)
        logger.error({ err: error, code: known.code }, 'request failed');
      return appErrorResponse(c, known);
    }
    logger.error({ err: error }, 'unhandled error');
    return c.json(
      errorEnvelope('INTERNAL', 'Internal server error.', {
        requestId: c.get('requestId') as string | undefined,
      }),
      500,
    );
  };
}

/** The envelope for a path no route serves. */
export function handleNotFound(c: Context<AppEnv>): Response {
  return appErrorResponse(
    c,
    new AppError('NOT_FOUND', `No route for ${c.req.method} ${c.req.path}.`),
  );
}

function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return validationError(error);
  // c.req.json() on a body that is not JSON.
  if (error instanceof SyntaxError) return new AppError('BAD_JSON', 'The body is not valid JSON.');
  if (error instanceof HTTPException) {
    const code = CODE_OF_STATUS[error.status];
    if (code) return new AppError(code, error.message || `HTTP ${error.status}`);
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError('UNAVAILABLE', 'The database is not reachable right now; retry shortly.');
  }
  return undefined;
}
