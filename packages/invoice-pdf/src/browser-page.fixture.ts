/**
 * Loaded in Chromium by browser.test.ts (bundled by esbuild for the browser, so fontkit's and
 * pdf-lib's browser builds run): renders the fixture invoices and hands back their bytes.
 */
import { renderInvoicePdf } from './index';
import { b2bInterState, billOfSupply, creditNote } from './invoice.fixtures';

async function renderAll(): Promise<string[]> {
  const models = [b2bInterState(), billOfSupply('hi'), creditNote()];
  const pdfs = await Promise.all(models.map((model) => renderInvoicePdf(model)));
  // Base64, since playwright passes strings and plain values, not typed arrays.
  return pdfs.map((pdf) => {
    let binary = '';
    for (const byte of pdf) binary += String.fromCharCode(byte);
    return btoa(binary);
  });
}

(globalThis as unknown as { renderAll: typeof renderAll }).renderAll = renderAll;
