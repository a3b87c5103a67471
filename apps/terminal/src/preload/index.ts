/**
 * The preload exposes exactly one object, `window.kiryana`, and never `ipcRenderer` itself: the
 * storage bridge can talk only on the storage channel, the rest only through named handlers.
 */
import { createStorageIpcBridge } from '@kiryana/rxdb-sqlite/electron-renderer';
import { contextBridge, ipcRenderer } from 'electron';
import {
  IPC_CHANNELS,
  UPDATE_IPC_CHANNELS,
  type KiryanaBridge,
  type PrintResult,
  type UpdateAction,
} from '../bridge/bridge-api';

const bridge: KiryanaBridge = {
  platform: 'electron',
  storage: createStorageIpcBridge(ipcRenderer),
  credential: {
    load: () => ipcRenderer.invoke(IPC_CHANNELS.loadCredential) as Promise<string | null>,
    save: async (text) => {
      await ipcRenderer.invoke(IPC_CHANNELS.saveCredential, text);
    },
    clear: async () => {
      await ipcRenderer.invoke(IPC_CHANNELS.clearCredential);
    },
  },
  printer: {
    printPage: () => ipcRenderer.invoke(IPC_CHANNELS.printPage) as Promise<PrintResult>,
    printRaw: (bytes) => ipcRenderer.invoke(IPC_CHANNELS.printRaw, bytes) as Promise<PrintResult>,
    openPdf: (bytes, fileName) =>
      ipcRenderer.invoke(IPC_CHANNELS.openPdf, bytes, fileName) as Promise<PrintResult>,
  },
  updates: {
    readyVersion: () =>
      ipcRenderer.invoke(UPDATE_IPC_CHANNELS.updateStatus) as Promise<string | null>,
    restartToUpdate: (billOpen) =>
      ipcRenderer.invoke(UPDATE_IPC_CHANNELS.restartToUpdate, billOpen) as Promise<UpdateAction>,
  },
};

contextBridge.exposeInMainWorld('kiryana', bridge);
