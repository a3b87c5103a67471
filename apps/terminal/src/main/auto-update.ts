/**
 * The thin layer between electron-updater and the terminal: checks at start and every few hours,
 * downloads in the background, and answers the renderer's "Restart to update" through
 * `updateAction`. Electron-free (the updater and ipcMain are passed in), so it is tested in Node.
 */
import { UPDATE_IPC_CHANNELS, type UpdateAction } from '../bridge/bridge-api';
import { readUpdateSettings, updateAction, type UpdateSettings } from './auto-update-policy';

/** The part of electron-updater's `autoUpdater` used here. */
export type UpdaterLike = {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  channel: string | null;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  /** With autoDownload, the download goes on after the check in `downloadPromise`. */
  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
};

/** The part of Electron's `ipcMain` used here. */
export type IpcMainLike = {
  handle(channel: string, listener: (event: unknown, ...args: unknown[]) => unknown): void;
};

export type AutoUpdate = {
  /** The settings in force, or null when updates are off (by setting or a wrong setting). */
  readonly settings: UpdateSettings | null;
  /** Checks now (also what the timer calls). */
  check(): Promise<void>;
  stop(): void;
};

/**
 * Starts the updater. A wrong update setting turns updates off with the reason in the log: it
 * must never stop the terminal from billing. The IPC handlers are registered in every case, so the
 * renderer's calls always get an answer.
 */
export function startAutoUpdate(deps: {
  updater: UpdaterLike;
  ipcMain: IpcMainLike;
  env: Readonly<Record<string, string | undefined>>;
  log?: (message: string, error?: unknown) => void;
}): AutoUpdate {
  const { updater, ipcMain } = deps;
  const log =
    deps.log ??
    ((message, error) => {
      console.error(message, error ?? '');
    });
  let readyVersion: string | null = null;

  ipcMain.handle(UPDATE_IPC_CHANNELS.updateStatus, () => readyVersion);
  ipcMain.handle(UPDATE_IPC_CHANNELS.restartToUpdate, (_event, billOpen): UpdateAction => {
    // Anything but an explicit `false` counts as a bill open: when in doubt, do not restart.
    const action = updateAction({
      downloaded: readyVersion !== null,
      billOpen: billOpen !== false,
      userAsked: true,
    });
    // Silent: the cashier already chose; the wizard would only ask again. Run the new version after.
    if (action === 'restart-now') updater.quitAndInstall(true, true);
    return action;
  });

  let settings: UpdateSettings | null;
  try {
    settings = readUpdateSettings(deps.env);
  } catch (error) {
    log('Updates are off: a wrong update setting.', error);
    settings = null;
  }
  if (settings === null || !settings.enabled) {
    return { settings: null, check: () => Promise.resolve(), stop: () => undefined };
  }

  updater.autoDownload = true;
  // The install happens when the app quits, never on its own during the day.
  updater.autoInstallOnAppQuit = true;
  if (settings.feedUrl !== null) updater.setFeedURL({ provider: 'generic', url: settings.feedUrl });
  if (settings.channel === 'beta') {
    updater.channel = 'beta';
    // Setting a channel allows downgrades in electron-updater; a beta terminal must not go back
    // to an older stable build on its own (its database may already be migrated).
    updater.allowDowngrade = false;
  }
  updater.on('update-downloaded', (info) => {
    readyVersion = info.version;
  });
  updater.on('error', (error) => {
    // Offline or the update server down: the next check tries again; billing is unaffected.
    log('Update check failed:', error.message);
  });

  const check = async (): Promise<void> => {
    try {
      const result = await updater.checkForUpdates();
      // A failed download (network gone, sha512 mismatch) is also an 'error' event, logged there;
      // left unhandled here it would be an unhandled rejection in the main process.
      result?.downloadPromise?.catch(() => undefined);
    } catch (error) {
      log('Update check failed:', error);
    }
  };
  void check();
  const timer = setInterval(() => void check(), settings.checkIntervalMs);
  // A pending check must not keep the process alive when the app quits.
  timer.unref();
  return {
    settings,
    check,
    stop: () => {
      clearInterval(timer);
    },
  };
}
