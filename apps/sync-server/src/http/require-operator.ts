import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '@kiryana/shared';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';

/** Admits requests carrying the operator token; without a configured token nothing is admitted. */
export function requireOperator(operatorToken: string | undefined): MiddlewareHandler<AppEnv> {
  const expected = operatorToken ? digest(operatorToken) : undefined;
  return async (c, next) => {
    const given = /^Bearer +(\S+) *$/i.exec(c.req.header('authorization') ?? '')?.[1];
    // Compare digests: equal lengths for timingSafeEqual whatever was sent.
    if (!expected || !given || !timingSafeEqual(digest(given), expected)) {
      throw new AppError('UNAUTHENTICATED', 'An operator token is required.');
    }
    await next();
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
