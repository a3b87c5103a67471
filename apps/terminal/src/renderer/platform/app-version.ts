// Replaced at build time by Vite's `define` (vite.config.ts) with the version in package.json.
declare const __KIRYANA_TERMINAL_VERSION__: string | undefined;

/**
 * The terminal's version as built, which health reports carry to the fleet view; empty where the
 * renderer runs from source without Vite (unit tests, the fleet simulator).
 */
export const APP_VERSION: string =
  typeof __KIRYANA_TERMINAL_VERSION__ === 'string' ? __KIRYANA_TERMINAL_VERSION__ : '';
