import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrintResult } from '../bridge/bridge-api';

/** Saves a PDF from the renderer (the A4 invoice) and opens it in the system's PDF viewer. */
export type PdfOpener = { open(bytes: Uint8Array, fileName: string): Promise<PrintResult> };

/** The largest PDF accepted: an A4 invoice of 500 lines with its fonts is well under this. */
const MAX_PDF_BYTES = 20 * 1024 * 1024;

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/**
 * An opener that writes into `dir` and hands the file to `openPath` (Electron's `shell.openPath`,
 * which answers an error message or ''), where the cashier prints it: Chromium's PDF viewer inside
 * the app cannot be printed from the main process. Bytes and name come from the renderer and are
 * checked: a PDF of bounded size, saved under a name of letters, digits and dashes only.
 * @example
 * createPdfOpener(join(app.getPath('userData'), 'invoices'), (path) => shell.openPath(path));
 */
export function createPdfOpener(
  dir: string,
  openPath: (path: string) => Promise<string>,
): PdfOpener {
  return {
    async open(bytes, fileName) {
      if (
        !(bytes instanceof Uint8Array) ||
        bytes.length > MAX_PDF_BYTES ||
        !PDF_MAGIC.every((byte, index) => bytes[index] === byte)
      ) {
        return { ok: false, error: 'open-pdf takes a PDF document as bytes.' };
      }
      const stem = fileName
        .replace(/\.pdf$/i, '')
        .replace(/[^A-Za-z0-9-]/g, '-')
        .slice(0, 64);
      const path = join(dir, `${stem || 'invoice'}.pdf`);
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(path, bytes);
        const error = await openPath(path);
        return error === '' ? { ok: true } : { ok: false, error };
      } catch (error) {
        return { ok: false, error: String(error) };
      }
    },
  };
}
