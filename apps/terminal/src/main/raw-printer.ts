import { open } from 'node:fs/promises';
import { connect } from 'node:net';
import type { PrintResult } from '../bridge/bridge-api';

/** Sends ESC/POS bytes to a thermal printer. */
export type RawPrinter = { print(bytes: Uint8Array): Promise<PrintResult> };

/** The largest receipt accepted (a long bill is a few kilobytes). */
export const MAX_RAW_PRINT_BYTES = 256 * 1024;

const TCP_TIMEOUT_MS = 5_000;

function sendTcp(host: string, port: number, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: TCP_TIMEOUT_MS }, () => {
      socket.end(bytes, () => {
        resolve();
      });
    });
    socket.on('timeout', () => {
      socket.destroy(new Error(`The printer at ${host}:${port} did not answer.`));
    });
    socket.on('error', reject);
  });
}

async function writeDevice(path: string, bytes: Uint8Array): Promise<void> {
  // Append mode: a USB printer device (/dev/usb/lp0) takes writes, never truncation.
  const handle = await open(path, 'a');
  try {
    await handle.write(bytes);
  } finally {
    await handle.close();
  }
}

/**
 * A printer at `target`: `tcp://host:9100` for network printers (port 9100 "raw"), a device or
 * file path for USB ones (`/dev/usb/lp0`), or null when none is configured.
 * @example
 * await createRawPrinter('tcp://192.0.2.10:9100').print(bytes);
 */
export function createRawPrinter(target: string | null): RawPrinter {
  return {
    async print(bytes) {
      if (target === null) return { ok: false, error: 'No thermal printer is configured.' };
      if (bytes.length === 0 || bytes.length > MAX_RAW_PRINT_BYTES) {
        return { ok: false, error: 'The receipt is empty or too large.' };
      }
      try {
        const tcp = /^tcp:\/\/([^:/]+):(\d{1,5})$/.exec(target);
        if (tcp !== null) await sendTcp(tcp[1] ?? '', Number(tcp[2]), bytes);
        else await writeDevice(target, bytes);
        return { ok: true };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
