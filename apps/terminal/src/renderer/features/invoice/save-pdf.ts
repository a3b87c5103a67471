/**
 * Hands a PDF to the person at the counter: a download of the file, which a browser host saves
 * (and opens in its viewer from the downloads bar) and Electron saves through its save dialog, to
 * be printed from there. The object URL is released once the download has started.
 * @example
 * savePdf(window, bytes, 'BLR1T1-26-000001.pdf');
 */
export function savePdf(
  host: Pick<Window, 'document' | 'setTimeout'> & { URL: typeof URL },
  bytes: Uint8Array,
  fileName: string,
): void {
  // A copy in a plain ArrayBuffer: Blob takes no view of a SharedArrayBuffer.
  const blob = new Blob([bytes.slice().buffer], { type: 'application/pdf' });
  const url = host.URL.createObjectURL(blob);
  const link = host.document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  host.document.body.append(link);
  link.click();
  link.remove();
  host.setTimeout(() => {
    host.URL.revokeObjectURL(url);
  }, 60_000);
}
