import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

function packageVersion(): string {
  const text = readFileSync(new URL('./package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/**
 * The browser build of the renderer (served next to the sync server by `pnpm start`, and used by
 * the Playwright suites). The Electron build in electron.vite.config.ts shares `rendererConfig`.
 */
export const rendererConfig = {
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  plugins: [react()],
  // The PIN KDF's worker (features/pin/pin-kdf.worker.ts) is an ES module like the page.
  worker: { format: 'es' as const },
  // The version health reports carry (src/renderer/platform/app-version.ts).
  define: { __KIRYANA_TERMINAL_VERSION__: JSON.stringify(packageVersion()) },
  resolve: {
    alias: {
      // RxDB's websocket client imports `ws`; in a browser the platform's WebSocket does the job.
      ws: fileURLToPath(new URL('./src/renderer/platform/browser-ws.ts', import.meta.url)),
    },
  },
};

export default defineConfig({
  ...rendererConfig,
  base: './',
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
