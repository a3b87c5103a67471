import type { MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import type { Logger } from 'pino';
import { tagSpanWithRequestId } from '../telemetry/active-trace';
import type { AppEnv } from './app-env';

/**
 * Gives every request an id (the caller's `X-Request-Id` when it is a sane token, else a new UUID),
 * echoes it in the response header, and a child logger carrying it; logs one line per request.
 * With tracing on, the request's span carries the id too (`kiryana.request_id`).
 */
export function requestContext(rootLogger: Logger): MiddlewareHandler<AppEnv>[] {
  const withLogger: MiddlewareHandler<AppEnv> = async (c, next) => {
    const logger = rootLogger.child({ requestId: c.var.requestId });
    tagSpanWithRequestId(c.var.requestId);
    c.set('logger', logger);
    const startedMs = performance.now();
    await next();
    const durationMs = Math.round((performance.now() - startedMs) * 10) / 10;
    const line = { method: c.req.method, path: c.req.path, status: c.res.status, durationMs };
    if (c.res.status >= 500) logger.error(line, 'request');
    else logger.info(line, 'request');
  };
  return [requestId({ limitLength: 128 }), withLogger];
}
