/**
 * The serve process's small loopback HTTP API for a browser renderer: what Electron's main process
 * offers over IPC (the device credential, raw printing), offered next to the static files. Every
 * call carries the token from config.json, which pages of other origins cannot read.
 */
export const LOCAL_API = {
  credential: '/local/credential',
  printRaw: '/local/print-raw',
  tokenHeader: 'x-kiryana-local-token',
} as const;

/** What `config.json` tells the browser renderer. */
export type ServedConfig = {
  /** ws:// URL of the SQLite storage host (with its token). */
  readonly storageHostUrl: string;
  /** Token for the `/local/*` API. */
  readonly localToken: string;
  /** The sync server to offer on first run. */
  readonly defaultServerUrl: string | null;
  /** Same-origin path that forwards to `defaultServerUrl` (which sends no CORS headers). */
  readonly syncProxyPath: string | null;
};
