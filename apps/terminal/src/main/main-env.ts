/**
 * The environment of the Electron main process, read here and nowhere else. Both optional:
 *   ELECTRON_RENDERER_URL  set by `electron-vite dev`: load the renderer from its dev server
 *   KIRYANA_PRINTER        tcp://host:9100 or a device path for ESC/POS receipts
 */
export type MainEnv = {
  readonly rendererDevUrl: string | undefined;
  readonly printer: string | null;
};

/** Reads the main process's settings. */
export function readMainEnv(): MainEnv {
  return {
    rendererDevUrl: process.env.ELECTRON_RENDERER_URL,
    printer: process.env.KIRYANA_PRINTER ?? null,
  };
}
