/**
 * `pnpm --filter @kiryana/terminal serve`: builds the renderer when needed and serves it with the
 * SQLite storage host, until interrupted. Environment (all optional):
 *   TERMINAL_PORT      HTTP port of the page (default 5180)
 *   TERMINAL_DATA_DIR  database and credential folder (default apps/terminal/.data)
 *   SYNC_SERVER_URL    server offered on first run (default http://127.0.0.1:$PORT, the sync
 *                      server's own PORT variable, else 8787: its default)
 *   KIRYANA_PRINTER    tcp://host:9100 or a device path for ESC/POS receipts
 *   TERMINAL_REBUILD=1 rebuild the renderer even when dist/renderer exists
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { serveTerminal } from './serve';

const appDir = fileURLToPath(new URL('../..', import.meta.url));
const distDir = `${appDir}dist/renderer`;

async function main(): Promise<void> {
  if (process.env.TERMINAL_REBUILD === '1' || !existsSync(`${distDir}/index.html`)) {
    await build({ configFile: `${appDir}vite.config.ts`, logLevel: 'warn' });
  }
  const served = await serveTerminal({
    port: Number(process.env.TERMINAL_PORT ?? '5180'),
    dataDir: process.env.TERMINAL_DATA_DIR ?? `${appDir}.data`,
    distDir,
    syncServerUrl: process.env.SYNC_SERVER_URL ?? `http://127.0.0.1:${process.env.PORT ?? '8787'}`,
    printer: process.env.KIRYANA_PRINTER ?? null,
  });
  process.stdout.write(`Kiryana terminal: ${served.url}\n`);
  const stop = () => {
    void served.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main().catch((error: unknown) => {
  process.stderr.write(`terminal serve failed: ${String(error)}\n`);
  process.exit(1);
});
