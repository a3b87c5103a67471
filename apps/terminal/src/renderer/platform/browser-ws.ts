/**
 * Stands in for the `ws` package in the browser build (vite.config.ts aliases it): RxDB's
 * websocket client imports `{ WebSocket } from 'ws'`, and browsers have their own. The server
 * half of the same RxDB module is never called in a browser.
 */
export const WebSocket = globalThis.WebSocket;

/** Never constructed in a browser; present only so the shared RxDB module links. */
export function WebSocketServer(): never {
  throw new Error('A browser cannot run a websocket server.');
}
