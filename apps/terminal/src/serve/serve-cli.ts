/**
 * `pnpm --filter @kiryana/terminal serve`: builds the renderer when needed and serves it with the
 * SQLite storage host, until interrupted. The environment it reads is listed in serve-env.ts.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { serveTerminal } from './serve';
import { readServeEnv } from './serve-env';

const appDir = fileURLToPath(new URL('../..', import.meta.url));
const distDir = `${appDir}dist/renderer`;

async function main(): Promise<void> {
  const env = readServeEnv(appDir);
  if (env.rebuild || !existsSync(`${distDir}/index.html`)) {
    await build({ configFile: `${appDir}vite.config.ts`, logLevel: 'warn' });
  }
  const served = await serveTerminal({
    port: env.port,
    dataDir: env.dataDir,
    distDir,
    syncServerUrl: env.syncServerUrl,
    printer: env.printer,
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
