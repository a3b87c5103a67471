import { AppError } from '@kiryana/shared';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';
import type { DeviceTokenVerifier } from '../auth/principal';

/**
 * Authenticates a device on every request below it and sets `c.var.device`; the store scope of the
 * request comes from here only. The token travels in `Authorization: Bearer …`; for the event
 * stream alone it may come as `?access_token=` (RFC 6750 §2.3) because browser EventSource cannot
 * set headers.
 */
export function requireDevice(verify: DeviceTokenVerifier): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization')) ?? streamToken(c);
    if (!token) throw new AppError('UNAUTHENTICATED', 'An access token is required.');
    c.set('device', await verify(token));
    await next();
  };
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header) : null;
  return match?.[1];
}

function streamToken(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string | undefined {
  if (c.req.method !== 'GET' || !c.req.path.endsWith('/stream')) return undefined;
  return c.req.query('access_token') || undefined;
}
