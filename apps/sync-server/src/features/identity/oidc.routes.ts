import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { AppError, type Clock, findIllFormedText } from '@kiryana/shared';
import { type Context, Hono } from 'hono';
import type Provider from 'oidc-provider';
import type { AppEnv } from '../../http/app-env';
import type { Db } from '../../db/db';
import { refuseIllFormedText } from '../../http/request-body';
import { appendAudit } from '../../db/audit-append';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password';
import { SIGN_IN_POLICY, TOKEN_POLICY, takeToken } from './rate-limit';
import { createSweeper } from './oidc-adapter';
import {
  type SignInProblem,
  renderSignInExpired,
  renderSignInPage,
  signInLanguage,
} from './sign-in-page';
import { findUserByUsername } from './user.service';

/** What the provider's HTTP side needs. */
export type OidcRouteDeps = {
  readonly db: Db;
  readonly clock: Clock;
  readonly provider: Provider;
  /** Where the provider is mounted, e.g. `/oidc`. */
  readonly basePath: string;
  readonly trustProxy: boolean;
};

/** Every address together may try this often before the per-account buckets even matter. */
const SIGN_IN_ADDRESS_POLICY = { capacity: 30, refillMs: 2_000 };

/**
 * The embedded provider under `basePath`: our sign-in interaction (rate-limited, audited), and
 * everything else handed to oidc-provider's own Koa handler on the raw Node request. Needs the
 * Node server bindings, so it answers UNAVAILABLE under `app.request()`.
 */
export function createOidcRoutes(deps: OidcRouteDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const handle = deps.provider.callback();
  const sweep = createSweeper(deps.db, deps.clock);

  routes.get('/interaction/:uid', async (c) => {
    const { incoming, outgoing } = nodeOf(c);
    const lang = signInLanguage(c.req.query('lang'), c.req.header('accept-language'));
    const details = await interactionOf(deps.provider, incoming, outgoing);
    if (!details) return page(c, renderSignInExpired(lang), 400);
    return page(c, renderSignInPage({ basePath: deps.basePath, uid: details.uid, lang }), 200);
  });

  routes.post('/interaction/:uid/login', async (c) => {
    const { incoming, outgoing } = nodeOf(c);
    sweep();
    const form = await c.req.parseBody();
    refuseIllFormedText(findIllFormedText(form), 'sign-in form');
    const lang = signInLanguage(typeof form.lang === 'string' ? form.lang : undefined, undefined);
    const details = await interactionOf(deps.provider, incoming, outgoing);
    if (!details) return page(c, renderSignInExpired(lang), 400);
    const username =
      typeof form.username === 'string' ? form.username.trim().toLowerCase().slice(0, 64) : '';
    const password = typeof form.password === 'string' ? form.password.slice(0, 200) : '';
    const ip = clientAddress(c, deps.trustProxy);
    const nowMs = deps.clock.now();
    const again = (problem: SignInProblem, status: 401 | 429) =>
      page(
        c,
        renderSignInPage({ basePath: deps.basePath, uid: details.uid, lang, username, problem }),
        status,
      );

    const waits = await Promise.all([
      takeToken(deps.db, `sign-in:${ip}`, SIGN_IN_ADDRESS_POLICY, nowMs),
      takeToken(deps.db, `sign-in:${username}:${ip}`, SIGN_IN_POLICY, nowMs),
    ]);
    const waitMs = Math.max(...waits);
    if (waitMs > 0) {
      c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
      return again('limited', 429);
    }
    const user = username ? await findUserByUsername(deps, username) : undefined;
    const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!user || !matches || user.status !== 'active' || user.kind !== 'user') {
      await appendAudit(deps.db, {
        kind: 'auth.sign_in_failed',
        actor: `anonymous:${ip}`,
        subject: username || null,
        data: { ip, client: clientIdOf(details.params) },
        atMs: nowMs,
      });
      return again('wrong', 401);
    }
    await appendAudit(deps.db, {
      kind: 'auth.sign_in',
      actor: `user:${user.id}`,
      subject: user.id,
      data: { ip, client: clientIdOf(details.params), username: user.username },
      atMs: nowMs,
    });
    const redirectTo = await deps.provider.interactionResult(incoming, outgoing, {
      login: { accountId: user.id },
    });
    return c.redirect(redirectTo, 303);
  });

  routes.post('/interaction/:uid/abort', async (c) => {
    const { incoming, outgoing } = nodeOf(c);
    const redirectTo = await deps.provider.interactionResult(incoming, outgoing, {
      error: 'access_denied',
      error_description: 'The person cancelled the sign-in.',
    });
    return c.redirect(redirectTo, 303);
  });

  routes.all('/*', async (c) => {
    const { incoming, outgoing } = nodeOf(c);
    if (c.req.method === 'POST' && c.req.path === `${deps.basePath}/token`) {
      sweep();
      const waitMs = await takeToken(
        deps.db,
        `token:${clientAddress(c, deps.trustProxy)}`,
        TOKEN_POLICY,
        deps.clock.now(),
      );
      if (waitMs > 0) {
        c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
        throw new AppError('RATE_LIMITED', 'Too many token requests; slow down.');
      }
    }
    // oidc-provider routes relative to its mount point and finds that point in originalUrl.
    const mounted = incoming as IncomingMessage & { originalUrl?: string };
    mounted.originalUrl = incoming.url;
    mounted.url = (incoming.url ?? '/').slice(deps.basePath.length) || '/';
    await handle(incoming, outgoing);
    return RESPONSE_ALREADY_SENT;
  });
  return routes;
}

/**
 * The pending interaction of this browser, or undefined when its cookie is missing or expired (a
 * bookmarked or stale sign-in page): the person is told to start again, not shown a 500.
 */
async function interactionOf(
  provider: Provider,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
) {
  try {
    return await provider.interactionDetails(incoming, outgoing);
  } catch (error) {
    if (error instanceof Error && (error as { statusCode?: number }).statusCode === 400)
      return undefined;
    throw error;
  }
}

function nodeOf(c: Context<AppEnv>): { incoming: IncomingMessage; outgoing: ServerResponse } {
  const env = c.env as Partial<HttpBindings> | undefined;
  if (!env?.incoming || !env.outgoing) {
    throw new AppError('UNAVAILABLE', 'Sign-in needs the Node HTTP server.');
  }
  return { incoming: env.incoming, outgoing: env.outgoing };
}

/** The caller's address: the socket's, or behind a trusted proxy the first X-Forwarded-For hop. */
function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  const env = c.env as Partial<HttpBindings> | undefined;
  return env?.incoming?.socket.remoteAddress ?? 'unknown';
}

function page(c: Context<AppEnv>, html: string, status: 200 | 400 | 401 | 429): Response {
  c.header('Cache-Control', 'no-store');
  c.header('X-Frame-Options', 'DENY');
  c.header(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; frame-ancestors 'none'",
  );
  return c.html(html, status);
}

function clientIdOf(params: Record<string, unknown>): string {
  return typeof params.client_id === 'string' ? params.client_id : '';
}
