import { UPDATE_ENV } from './auto-update-policy';

/**
 * The environment of the Electron main process, read here and nowhere else. All optional:
 *   ELECTRON_RENDERER_URL  set by `electron-vite dev`: load the renderer from its dev server
 *   KIRYANA_PRINTER        tcp://host:9100 or a device path for ESC/POS receipts
 *   KIRYANA_UPDATE*        the auto-updater's settings (auto-update-policy.ts `UPDATE_ENV`), passed
 *                          on unparsed: a wrong one turns updates off, it never stops the terminal
 */
export type MainEnv = {
  readonly rendererDevUrl: string | undefined;
  readonly printer: string | null;
  readonly updateEnv: Readonly<Record<string, string | undefined>>;
};

/** Reads the main process's settings. */
export function readMainEnv(): MainEnv {
  return {
    rendererDevUrl: process.env.ELECTRON_RENDERER_URL,
    printer: process.env.KIRYANA_PRINTER ?? null,
    updateEnv: Object.fromEntries(
      Object.values(UPDATE_ENV).map((name) => [name, process.env[name]]),
    ),
  };
}
