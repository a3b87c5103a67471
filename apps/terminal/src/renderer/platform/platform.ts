import type { RxStorage } from 'rxdb/plugins/core';
import type { CredentialBridge, PrinterBridge, UpdatesBridge } from '../../bridge/bridge-api';

/**
 * Where the renderer runs: Electron (storage over IPC to the main process), a browser next to the
 * Node storage host (storage over a loopback websocket), or memory only (development without a
 * host). Everything platform-specific reaches the app through this one object.
 */
export type Platform = {
  readonly kind: 'electron' | 'browser' | 'memory';
  readonly storage: RxStorage<unknown, unknown>;
  readonly credential: CredentialBridge;
  readonly printer: PrinterBridge;
  /** The auto-updater: Electron only (a browser tab is updated with the server). */
  readonly updates?: UpdatesBridge;
  /** The sync server address to offer on first run (the one `pnpm start` serves), if known. */
  readonly defaultServerUrl: string | null;
  /** The fetch to reach a sync server with (through the serve proxy or Electron's scheme). */
  fetchFor(serverUrl: string): typeof fetch;
};
