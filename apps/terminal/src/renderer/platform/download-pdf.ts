import type { PrintResult } from '../../bridge/bridge-api';

/**
 * A PDF handed to the person at the counter in a browser host: a download of the file, which the
 * browser saves and opens in its viewer from the downloads bar, to be printed from there. (Under
 * Electron the main process saves and opens it instead: the bridge's `openPdf`.) The object URL
 * is released a minute later, once the download has long started.
 * @example
 * await downloadPdf(window.document, bytes, 'BLR1T1-26-000001.pdf'); // { ok: true }
 */
export function downloadPdf(
  document: Document,
  bytes: Uint8Array,
  fileName: string,
): Promise<PrintResult> {
  // A copy in a plain ArrayBuffer: Blob takes no view of a SharedArrayBuffer.
  const blob = new Blob([bytes.slice().buffer], { type: 'application/pdf' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 60_000);
  return Promise.resolve({ ok: true });
}
