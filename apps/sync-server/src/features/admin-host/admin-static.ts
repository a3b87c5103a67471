import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MiddlewareHandler } from 'hono';

/**
 * Where `vite build` of apps/admin-web writes (read as files at run time, never imported): from
 * src/features/admin-host/ here, or from dist/ when this runs compiled (scripts/build.mjs).
 * ADMIN_DIST (env.ts) overrides it, e.g. in a container image that copies the build elsewhere.
 */
const DEFAULT_ADMIN_DIST = fileURLToPath(
  new URL(
    import.meta.url.endsWith('.mjs') ? '../../admin-web/dist/' : '../../../../admin-web/dist/',
    import.meta.url,
  ),
);

/** The path the admin web is served under (its Vite `base`). */
const ADMIN_BASE_PATH = '/admin';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built admin web under `/admin`: files of the build as they are, and `index.html` for
 * every other path below it, so a deep link (`/admin/reports`) or a reload opens the app, whose
 * router takes over. Hashed assets are cached for a year; `index.html` is revalidated every time,
 * so a new release is picked up on the next load. Without a build it answers 404 with a hint.
 */
export function serveAdminWeb(distDir: string = DEFAULT_ADMIN_DIST): MiddlewareHandler {
  const root = resolve(distDir);
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const path = c.req.path;
    if (path === ADMIN_BASE_PATH) return c.redirect(`${ADMIN_BASE_PATH}/`, 301);
    let relative: string;
    try {
      relative = decodeURIComponent(path.slice(ADMIN_BASE_PATH.length + 1));
    } catch {
      return next();
    }
    const file = resolve(root, relative);
    const inside = file === root || file.startsWith(root + sep);
    if (inside && relative !== '' && (await isFile(file))) {
      c.header('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
      c.header(
        'Cache-Control',
        relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      return c.body(await readFile(file));
    }
    // A missing asset is a 404, not the app: a stale page asking for an old chunk should fail plainly.
    if (relative.startsWith('assets/')) return next();
    const index = resolve(root, 'index.html');
    if (!(await isFile(index))) {
      return c.text(
        'The admin web is not built: run `pnpm --filter @kiryana/admin-web build`.',
        404,
      );
    }
    c.header('Content-Type', TYPES['.html'] ?? 'text/html');
    c.header('Cache-Control', 'no-cache');
    return c.body(await readFile(index));
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
