/**
 * What the OpenAPI coverage tests compare: the routes an app serves and the operations its
 * `/openapi.json` lists, both as (method, Hono-style path).
 */

/** A method in lower case and a path with Hono's `:param` segments. */
export type RouteOf = { readonly method: string; readonly path: string };

/** The routes a Hono `app` serves, middleware mounted for every method (`ALL`) left out. */
export function servedRoutes(app: {
  readonly routes: readonly { method: string; path: string }[];
}): RouteOf[] {
  return app.routes
    .filter((route) => route.method !== 'ALL')
    .map((route) => ({ method: route.method.toLowerCase(), path: route.path }));
}

/** The operations an OpenAPI document lists, its `{param}` segments written as `:param`. */
export function documentedRoutes(doc: {
  readonly paths: Record<string, Record<string, unknown>>;
}): RouteOf[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => ({ method, path: path.replace(/\{([^}]+)\}/g, ':$1') })),
  );
}

/** `/v1/sync/:collection/pull` → a regex matching `/v1/sync/{…}` or a concrete `/v1/sync/products/pull`. */
export function patternOf(honoPath: string): RegExp {
  const escaped = honoPath
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}$`);
}
