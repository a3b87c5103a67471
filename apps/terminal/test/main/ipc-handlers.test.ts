import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../src/bridge/bridge-api';
import { createFileCredentialStore } from '../../src/main/credential-store';
import {
  registerIpcHandlers,
  type IpcMainHandleLike,
  type PrintablePage,
} from '../../src/main/ipc-handlers';
import { createPdfOpener } from '../../src/main/pdf-opener';
import { createRawPrinter } from '../../src/main/raw-printer';

type Handler = Parameters<IpcMainHandleLike['handle']>[1];

/** Electron's ipcMain is not ours: a map of handlers stands in for it. */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    ipcMain: { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) },
    invoke: (channel: string, sender: PrintablePage, ...args: unknown[]) => {
      const handler = handlers.get(channel);
      if (handler === undefined) throw new Error(`no handler for ${channel}`);
      return Promise.resolve(handler({ sender }, ...args));
    },
    channels: () => [...handlers.keys()].sort(),
  };
}

const page = (success: boolean): PrintablePage => ({
  print: (_options, callback) => {
    callback(success, success ? '' : 'no printer');
  },
});

describe('registerIpcHandlers', () => {
  let dir: string;
  let ipc: ReturnType<typeof fakeIpcMain>;
  let opened: string[];
  beforeEach(() => {
    opened = [];
    dir = mkdtempSync(join(tmpdir(), 'kiryana-ipc-'));
    ipc = fakeIpcMain();
    registerIpcHandlers({
      ipcMain: ipc.ipcMain,
      credentials: createFileCredentialStore(join(dir, 'credential.json')),
      rawPrinter: createRawPrinter(join(dir, 'lp0')),
      pdfOpener: createPdfOpener(join(dir, 'invoices'), (path) => {
        opened.push(path);
        return Promise.resolve(path.includes('NOVIEWER') ? 'no PDF viewer' : '');
      }),
    });
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers one handler per channel of the bridge', () => {
    expect(ipc.channels()).toEqual(Object.values(IPC_CHANNELS).sort());
  });

  it('saves, loads and clears the credential, refusing what is not a string', async () => {
    const sender = page(true);
    expect(await ipc.invoke(IPC_CHANNELS.loadCredential, sender)).toBeNull();
    await ipc.invoke(IPC_CHANNELS.saveCredential, sender, '{"deviceId":"d1"}');
    expect(await ipc.invoke(IPC_CHANNELS.loadCredential, sender)).toBe('{"deviceId":"d1"}');
    await expect(
      ipc.invoke(IPC_CHANNELS.saveCredential, sender, { deviceId: 'x' }),
    ).rejects.toThrow(/string/);
    await ipc.invoke(IPC_CHANNELS.clearCredential, sender);
    expect(await ipc.invoke(IPC_CHANNELS.loadCredential, sender)).toBeNull();
  });

  it('prints the page of the window that asked, and raw bytes only as bytes', async () => {
    expect(await ipc.invoke(IPC_CHANNELS.printPage, page(true))).toEqual({ ok: true });
    expect(await ipc.invoke(IPC_CHANNELS.printPage, page(false))).toEqual({
      ok: false,
      error: 'no printer',
    });
    expect(
      await ipc.invoke(IPC_CHANNELS.printRaw, page(true), new Uint8Array([0x1b, 0x40])),
    ).toEqual({ ok: true });
    expect(await ipc.invoke(IPC_CHANNELS.printRaw, page(true), 'not bytes')).toEqual({
      ok: false,
      error: 'print-raw takes the receipt as bytes.',
    });
  });

  it('saves a PDF under a safe name and opens it in the viewer, and refuses bytes that are not a PDF', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');
    expect(
      await ipc.invoke(IPC_CHANNELS.openPdf, page(true), pdf, '../BLR1T1/26/000001.pdf'),
    ).toEqual({ ok: true });
    const saved = join(dir, 'invoices', '---BLR1T1-26-000001.pdf');
    expect(opened).toEqual([saved]);
    expect(readFileSync(saved)).toEqual(Buffer.from(pdf));
    expect(await ipc.invoke(IPC_CHANNELS.openPdf, page(true), pdf, 'NOVIEWER.pdf')).toEqual({
      ok: false,
      error: 'no PDF viewer',
    });
    const notPdf = new TextEncoder().encode('<html>');
    expect(await ipc.invoke(IPC_CHANNELS.openPdf, page(true), notPdf, 'x.pdf')).toEqual({
      ok: false,
      error: 'open-pdf takes a PDF document as bytes.',
    });
    expect(await ipc.invoke(IPC_CHANNELS.openPdf, page(true), 'bytes?', 'x.pdf')).toMatchObject({
      ok: false,
    });
    expect(existsSync(join(dir, 'invoices', 'x.pdf'))).toBe(false);
  });
});
