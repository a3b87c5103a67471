import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRawPrinter } from '../../src/main/raw-printer';
import { decodeEscPos, encodeEscPos } from '../../src/renderer/features/receipt/escpos';

const receipt = encodeEscPos([
  { type: 'init' },
  { type: 'text', text: 'TOTAL Rs.141.00' },
  { type: 'newline' },
  { type: 'cut' },
]);

describe('createRawPrinter', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiryana-printer-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends the bytes to a printer device file', async () => {
    const device = join(dir, 'lp0');
    const printer = createRawPrinter(device);
    expect(await printer.print(receipt)).toEqual({ ok: true });
    expect(await printer.print(receipt)).toEqual({ ok: true });
    const written = readFileSync(device);
    expect(written.length).toBe(receipt.length * 2);
    expect(decodeEscPos(new Uint8Array(written.subarray(0, receipt.length)))).toEqual(
      decodeEscPos(receipt),
    );
  });

  it('sends the bytes to a network printer on raw port 9100-style TCP', async () => {
    const received: Buffer[] = [];
    const server = createServer((socket) => {
      socket.on('data', (chunk) => received.push(chunk));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    expect(await createRawPrinter(`tcp://127.0.0.1:${port}`).print(receipt)).toEqual({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => server.close(resolve));
    expect(Buffer.concat(received).equals(Buffer.from(receipt))).toBe(true);
  });

  it('reports a missing printer, an unreachable one and an empty receipt as failures', async () => {
    expect(await createRawPrinter(null).print(receipt)).toEqual({
      ok: false,
      error: 'No thermal printer is configured.',
    });
    const unreachable = await createRawPrinter('tcp://127.0.0.1:1').print(receipt);
    expect(unreachable.ok).toBe(false);
    expect((await createRawPrinter(join(dir, 'lp0')).print(new Uint8Array())).ok).toBe(false);
  });
});
