import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The sync server the dev server forwards the API and sign-in to (`pnpm start` runs it on 8787). */
const api = process.env.KIRYANA_API_URL ?? 'http://localhost:8787';
/** `pnpm start` passes ADMIN_PORT and adds this origin's callback to the server's redirect URIs. */
const port = Number(process.env.ADMIN_PORT ?? '5173');

/**
 * Production: built into dist/ and served by the sync server under /admin. Development: Vite on
 * port 5173 (the redirect URI the embedded provider allows by default; another port needs
 * `http://localhost:<port>/auth/callback` in the server's ADMIN_REDIRECT_URIS, which `pnpm start`
 * adds) with the API proxied, so the app and its API share one origin in both set-ups.
 */
export default defineConfig(({ command }) => ({
  base: command === 'build' ? '/admin/' : '/',
  plugins: [react()],
  server: {
    port,
    strictPort: true,
    proxy: { '/v1': { target: api, changeOrigin: false } },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
}));
