/**
 * The Electron main process: one window, the encrypted SQLite storage for its renderer (over
 * IPC), the database key and the device credential sealed by the OS keychain, printing and the
 * auto-updater. Everything that does not need Electron itself lives in modules beside this file and
 * is tested in Node.
 */
import { join } from 'node:path';
import { exposeSQLiteStorageOnIpcMain } from '@kiryana/rxdb-sqlite/electron-main';
import { app, BrowserWindow, ipcMain, net, protocol, safeStorage, shell } from 'electron';
// CommonJS: its named exports are not visible to an ES module import, the default export is.
import electronUpdater from 'electron-updater';
import { startAutoUpdate } from './auto-update';
import { createFileCredentialStore } from './credential-store';
import { loadOrCreateDatabaseKey } from './database-key';
import { registerIpcHandlers } from './ipc-handlers';
import { readMainEnv } from './main-env';
import { createPdfOpener } from './pdf-opener';
import { createRawPrinter } from './raw-printer';
import { createSafeStorageCipher } from './safe-storage-cipher';
import { forwardSyncRequest, SYNC_SCHEME } from './sync-protocol';

// Before `ready`: the sync scheme may be fetched (and streamed) from the file:// page.
protocol.registerSchemesAsPrivileged([
  {
    scheme: SYNC_SCHEME,
    privileges: {
      standard: true,
      secure: true,
      supportFetchAPI: true,
      corsEnabled: true,
      stream: true,
    },
  },
]);

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1366,
    height: 768,
    title: 'Kiryana',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  window.setMenuBarVisibility(false);
  const devServer = readMainEnv().rendererDevUrl;
  if (devServer !== undefined) void window.loadURL(devServer);
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'));
}

// One terminal per user account: a second one would share the database files, and the first
// start's encryption of a plain database assumes no other process has the file open.
const isFirstInstance = app.requestSingleInstanceLock();
if (!isFirstInstance) app.quit();

void app
  .whenReady()
  .then(async () => {
    if (!isFirstInstance) return;
    // Needs nothing of the database. Downloads in the background; installs when the app quits or
    // the cashier asks with no bill open (auto-update-policy.ts). An unpackaged run (electron-vite
    // dev) skips the checks.
    startAutoUpdate({
      updater: electronUpdater.autoUpdater,
      ipcMain,
      env: readMainEnv().updateEnv,
    });
    const userData = app.getPath('userData');
    protocol.handle(SYNC_SCHEME, (request) =>
      forwardSyncRequest(request, (url, init) => net.fetch(url, init)),
    );
    // The database files are encrypted with a key that the OS keystore seals (a plain database
    // from an earlier version is encrypted on this start); a copy of the disk without the user's
    // OS login does not open them.
    const encryptionKey = await loadOrCreateDatabaseKey(
      createFileCredentialStore(
        join(userData, 'database-key.bin'),
        createSafeStorageCipher(safeStorage),
      ),
    );
    exposeSQLiteStorageOnIpcMain({ ipcMain, databaseDir: join(userData, 'db'), encryptionKey });
    registerIpcHandlers({
      ipcMain,
      credentials: createFileCredentialStore(
        join(userData, 'device-credential.bin'),
        createSafeStorageCipher(safeStorage),
      ),
      rawPrinter: createRawPrinter(readMainEnv().printer),
      // A4 invoices are kept beside the app's data and opened in the system's viewer to print.
      pdfOpener: createPdfOpener(join(userData, 'invoices'), (path) => shell.openPath(path)),
    });
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  })
  // No database key (keystore unavailable, key damaged): stop with the reason in the log rather
  // than run without the database; the files are left untouched. A key that does not open the
  // file fails later, when the renderer opens its database (DatabaseKeyError).
  .catch((error: unknown) => {
    console.error('The terminal cannot open its database:', error);
    app.exit(1);
  });

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
