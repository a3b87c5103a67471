import { AppError, findIllFormedText } from '@kiryana/shared';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';
import { refuseIllFormedText } from './request-body';

/**
 * Refuses, before any route runs, a URL whose path segments or query values are not valid
 * percent-encoded UTF-8 or decode to text the database cannot store (U+0000, an unpaired
 * surrogate). Hono hands an undecodable segment to the route as raw `%ED%A0%80`; refusing it here
 * keeps every path parameter and query value of every route within the same rules as JSON bodies.
 */
export function refuseIllFormedUrl(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    const decoded: Record<string, string> = {};
    const parts = [
      ...url.pathname.split('/').map((segment, index) => [`path.${index}`, segment] as const),
      ...url.search
        .slice(1)
        .split('&')
        .flatMap((pair, index) =>
          pair.split('=').map((part, side) => [`query.${index}.${side}`, part] as const),
        ),
    ];
    for (const [where, raw] of parts) {
      try {
        decoded[where] = decodeURIComponent(raw.replaceAll('+', ' '));
      } catch {
        throw new AppError('VALIDATION_FAILED', 'The URL is not valid percent-encoded UTF-8.', {
          fields: [{ path: where, message: 'not valid percent-encoded UTF-8' }],
        });
      }
    }
    refuseIllFormedText(findIllFormedText(decoded), 'URL');
    await next();
  };
}
