import { isValidInvoiceSeriesCode, INVOICE_SERIES_CODE_MAX_LENGTH } from '@kiryana/shared';
import { deviceCredentialSchema, type DeviceCredential } from '@kiryana/sync-client';

/**
 * The terminal's side of its device credential: reading the stored copy, and the invoice series
 * it implies. The credential's shape is the sync client's (`@kiryana/sync-client`).
 */

// Re-exported for the terminal's public entry (`headless.ts`), which hands it to the simulator.
export type { DeviceCredential };

/** Reads a stored credential; undefined when there is none or it is unreadable. */
export function parseDeviceCredential(text: string | null): DeviceCredential | undefined {
  if (text === null) return undefined;
  try {
    const parsed = deviceCredentialSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function alphanumeric(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * The invoice series codes of this terminal (Rule 46(b)): bills `<store><terminal>`, credit notes
 * (returns) `<terminal>R<store>`, each cut to the six characters the number format allows, keeping
 * the terminal code whole so two counters of a store never share a series.
 * @example
 * invoiceSeriesOf({ storeCode: 'BLR1', terminalCode: 'T2' }); // { sale: 'BLR1T2', return: 'T2RBLR' }
 */
export function invoiceSeriesOf(credential: Pick<DeviceCredential, 'storeCode' | 'terminalCode'>): {
  sale: string;
  return: string;
} {
  const terminal = alphanumeric(credential.terminalCode).slice(0, 3);
  const store = alphanumeric(credential.storeCode);
  const room = INVOICE_SERIES_CODE_MAX_LENGTH - terminal.length;
  const sale = `${store.slice(0, room)}${terminal}`;
  const credit = `${terminal}R${store.slice(0, room - 1)}`;
  if (!isValidInvoiceSeriesCode(sale) || !isValidInvoiceSeriesCode(credit)) {
    throw new Error(
      `Cannot make an invoice series from ${credential.storeCode}/${credential.terminalCode}.`,
    );
  }
  return { sale, return: credit };
}
