/**
 * The contract between the Electron preload and the renderer: the preload exposes exactly one
 * object of type `KiryanaBridge` as `window.kiryana`, and the renderer never sees `ipcRenderer`.
 * Types and constants only, so both the Node and the DOM projects can include this file.
 */
import type { StorageIpcBridge } from '@kiryana/rxdb-sqlite/electron-renderer';

/** IPC channels of the main process handlers (kebab-case verbs). */
export const IPC_CHANNELS = {
  loadCredential: 'load-credential',
  saveCredential: 'save-credential',
  clearCredential: 'clear-credential',
  printPage: 'print-page',
  printRaw: 'print-raw',
  openPdf: 'open-pdf',
} as const;

/** IPC channels of the auto-updater (registered by src/main/auto-update.ts, not ipc-handlers.ts). */
export const UPDATE_IPC_CHANNELS = {
  updateStatus: 'update-status',
  restartToUpdate: 'restart-to-update',
} as const;

/** The device credential, kept encrypted at rest by the main process; opaque text to it. */
export type CredentialBridge = {
  load(): Promise<string | null>;
  save(credentialText: string): Promise<void>;
  clear(): Promise<void>;
};

/** The outcome of a print job. */
export type PrintResult = { ok: true } | { ok: false; error: string };

/**
 * Printing through the system printer (the current page), raw ESC/POS bytes to a thermal printer,
 * or a PDF (the A4 invoice) saved and opened to print: in the system's viewer under Electron, as a
 * download in a browser.
 */
export type PrinterBridge = {
  printPage(): Promise<PrintResult>;
  printRaw(bytes: Uint8Array): Promise<PrintResult>;
  openPdf(bytes: Uint8Array, fileName: string): Promise<PrintResult>;
};

/**
 * What the main process does with a downloaded update (decided by `updateAction` in
 * src/main/auto-update-policy.ts): nothing downloaded, install when the app quits, refused because
 * a bill is open, or quit and install now.
 */
export type UpdateAction = 'none' | 'install-on-quit' | 'refuse-bill-open' | 'restart-now';

/** The auto-updater as the renderer sees it. */
export type UpdatesBridge = {
  /** The version downloaded and waiting to be installed, or null. */
  readyVersion(): Promise<string | null>;
  /** "Restart to update": `billOpen` is the renderer's own state; main decides. */
  restartToUpdate(billOpen: boolean): Promise<UpdateAction>;
};

/** What the preload exposes as `window.kiryana`. */
export type KiryanaBridge = {
  readonly platform: 'electron';
  /** The storage channel only (`createStorageIpcBridge` of @kiryana/rxdb-sqlite). */
  readonly storage: StorageIpcBridge;
  readonly credential: CredentialBridge;
  readonly printer: PrinterBridge;
  readonly updates: UpdatesBridge;
};
