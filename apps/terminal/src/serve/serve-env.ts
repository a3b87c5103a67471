/**
 * The environment of `pnpm --filter @kiryana/terminal serve`, read here and nowhere else. All
 * optional:
 *   TERMINAL_PORT      HTTP port of the page (default 5180)
 *   TERMINAL_DATA_DIR  database and credential folder (default apps/terminal/.data)
 *   SYNC_SERVER_URL    server offered on first run (default http://127.0.0.1:$PORT, the sync
 *                      server's own PORT variable, else 8787: its default)
 *   KIRYANA_PRINTER    tcp://host:9100 or a device path for ESC/POS receipts
 *   TERMINAL_REBUILD=1 rebuild the renderer even when dist/renderer exists
 */
export type ServeEnv = {
  readonly port: number;
  readonly dataDir: string;
  readonly syncServerUrl: string;
  readonly printer: string | null;
  readonly rebuild: boolean;
};

/** Reads the serve settings; `appDir` (with a trailing slash) anchors the default data folder. */
export function readServeEnv(appDir: string): ServeEnv {
  const env = process.env;
  return {
    port: Number(env.TERMINAL_PORT ?? '5180'),
    dataDir: env.TERMINAL_DATA_DIR ?? `${appDir}.data`,
    syncServerUrl: env.SYNC_SERVER_URL ?? `http://127.0.0.1:${env.PORT ?? '8787'}`,
    printer: env.KIRYANA_PRINTER ?? null,
    rebuild: env.TERMINAL_REBUILD === '1',
  };
}
