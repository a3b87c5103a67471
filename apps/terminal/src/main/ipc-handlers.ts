import { IPC_CHANNELS, type PrintResult } from '../bridge/bridge-api';
import { MAX_CREDENTIAL_BYTES, type CredentialStore } from './credential-store';
import type { PdfOpener } from './pdf-opener';
import type { RawPrinter } from './raw-printer';

/** A page that can be printed: Electron's WebContents, as the IPC event's sender. */
export type PrintablePage = {
  print(
    options: { silent: boolean; printBackground: boolean },
    callback: (success: boolean, failureReason: string) => void,
  ): void;
};

/** The part of Electron's `ipcMain` the handlers use (passed in: tested in Node without Electron). */
export type IpcMainHandleLike = {
  handle(
    channel: string,
    listener: (event: { sender: PrintablePage }, ...args: unknown[]) => unknown,
  ): void;
};

function printPage(page: PrintablePage): Promise<PrintResult> {
  return new Promise((resolve) => {
    page.print({ silent: false, printBackground: false }, (success, failureReason) => {
      resolve(success ? { ok: true } : { ok: false, error: failureReason || 'cancelled' });
    });
  });
}

/**
 * Registers the main process's IPC handlers. Arguments from the renderer are untrusted and checked
 * here: a credential is a short string, a receipt a byte array of bounded size, a PDF a PDF.
 */
export function registerIpcHandlers(deps: {
  ipcMain: IpcMainHandleLike;
  credentials: CredentialStore;
  rawPrinter: RawPrinter;
  pdfOpener: PdfOpener;
}): void {
  const { ipcMain, credentials, rawPrinter, pdfOpener } = deps;
  ipcMain.handle(IPC_CHANNELS.loadCredential, () => credentials.load());
  ipcMain.handle(IPC_CHANNELS.saveCredential, async (_event, text) => {
    if (
      typeof text !== 'string' ||
      text.length === 0 ||
      Buffer.byteLength(text) > MAX_CREDENTIAL_BYTES
    ) {
      throw new Error('save-credential takes the credential as a non-empty string.');
    }
    await credentials.save(text);
  });
  ipcMain.handle(IPC_CHANNELS.clearCredential, () => credentials.clear());
  ipcMain.handle(IPC_CHANNELS.printPage, (event) => printPage(event.sender));
  ipcMain.handle(IPC_CHANNELS.printRaw, (_event, bytes) => {
    if (!(bytes instanceof Uint8Array)) {
      return Promise.resolve<PrintResult>({
        ok: false,
        error: 'print-raw takes the receipt as bytes.',
      });
    }
    return rawPrinter.print(bytes);
  });
  ipcMain.handle(IPC_CHANNELS.openPdf, (_event, bytes, fileName) =>
    pdfOpener.open(bytes as Uint8Array, typeof fileName === 'string' ? fileName : 'invoice.pdf'),
  );
}
