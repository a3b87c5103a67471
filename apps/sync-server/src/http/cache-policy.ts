/**
 * The `Cache-Control` an answer gets when its route did not choose one (docs/operations.md,
 * "HTTP caching"). One table, by kind of answer, so a new route cannot go out uncached-by-accident:
 *
 * - errors: `no-store` (an error is about this request only, and may name what it refused);
 * - probes and metrics: `no-store` (a cached "ready" would hide a dead process from the gateway);
 * - the API and identity (`/v1`, `/oidc`): `no-store`, since people, roles, audit, PINs, devices,
 *   tokens, sales and stock are personal or the chain's own; routes that may be kept say so
 *   themselves (the catalogue pulls: {@link REVALIDATE_PRIVATE});
 * - the public reference (`/openapi.json`, `/docs`, the OpenID discovery document and keys):
 *   `public, max-age=300`, revalidated by ETag where this app writes the answer;
 * - anything else: `no-store`, the safe side.
 *
 * Event streams carry `no-cache` from Hono's `streamSSE`; the admin web's assets their own
 * year-long `immutable`. A header a route set is never replaced.
 */
export function defaultCacheControl(path: string, status: number): string {
  if (status >= 400) return 'no-store';
  if (PUBLIC_REFERENCE.has(path)) return 'public, max-age=300';
  return 'no-store';
}

/**
 * For answers that hold no personal data but are the chain's own (catalogue pulls): a browser's
 * private cache may keep them and must revalidate every time (ETag → 304), shared caches never.
 */
export const REVALIDATE_PRIVATE = 'private, no-cache';

/** Documents anyone may read and cache for a few minutes: the API description and its page. */
const PUBLIC_REFERENCE: ReadonlySet<string> = new Set([
  '/openapi.json',
  '/docs',
  // The OpenID provider's discovery document and signing keys (features/identity mounts it at
  // /oidc): public, and clients are expected to cache them; keys rotate with an overlap.
  '/oidc/.well-known/openid-configuration',
  '/oidc/jwks',
]);

/**
 * Whether the answer depends on who asks: the API and identity always do, and so does anything
 * asked with credentials. Those answers carry `Vary: Authorization` so a cache that keeps them
 * (a browser's, for the catalogue pulls) never hands one person's copy to another.
 */
export function variesByAuthorization(path: string, hasAuthorization: boolean): boolean {
  return hasAuthorization || path.startsWith('/v1/') || isIdentityPath(path);
}

/** The OpenID provider's paths (features/identity mounts it at `/oidc`). */
export function isIdentityPath(path: string): boolean {
  return path === '/oidc' || path.startsWith('/oidc/');
}
