import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { UPDATE_IPC_CHANNELS } from '../../src/bridge/bridge-api';
import { startAutoUpdate, type AutoUpdate, type UpdaterLike } from '../../src/main/auto-update';

/** Records what the wiring does to electron-updater's autoUpdater (the real one needs Electron). */
class RecordingUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  allowDowngrade = false;
  channel: string | null = null;
  checks = 0;
  feeds: unknown[] = [];
  installs: [boolean | undefined, boolean | undefined][] = [];
  failChecks = false;
  setFeedURL(options: unknown): void {
    this.feeds.push(options);
  }
  checkForUpdates(): Promise<null> {
    this.checks += 1;
    return this.failChecks ? Promise.reject(new Error('offline')) : Promise.resolve(null);
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

function fakeIpc() {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  return {
    handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => unknown) => {
      handlers.set(channel, listener);
    },
    call: (channel: string, ...args: unknown[]) => handlers.get(channel)?.({}, ...args),
    channels: () => [...handlers.keys()].sort(),
  };
}

describe('startAutoUpdate', () => {
  let running: AutoUpdate | undefined;
  afterEach(() => {
    running?.stop();
  });

  it('checks at start, downloads in the background and installs on quit, never on its own', async () => {
    const updater = new RecordingUpdater();
    const ipc = fakeIpc();
    running = startAutoUpdate({ updater, ipcMain: ipc, env: {}, log: () => undefined });
    expect(ipc.channels()).toEqual(Object.values(UPDATE_IPC_CHANNELS).sort());
    expect(updater.checks).toBe(1);
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.channel).toBeNull();
    expect(ipc.call(UPDATE_IPC_CHANNELS.updateStatus)).toBeNull();
    expect(ipc.call(UPDATE_IPC_CHANNELS.restartToUpdate, false)).toBe('none');

    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(ipc.call(UPDATE_IPC_CHANNELS.updateStatus)).toBe('0.2.0');
    await running.check();
    expect(updater.checks).toBe(2);
    expect(updater.installs).toEqual([]);
  });

  it('restarts only when the cashier asks with no bill open', () => {
    const updater = new RecordingUpdater();
    const ipc = fakeIpc();
    running = startAutoUpdate({ updater, ipcMain: ipc, env: {}, log: () => undefined });
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(ipc.call(UPDATE_IPC_CHANNELS.restartToUpdate, true)).toBe('refuse-bill-open');
    // A malformed argument from the renderer counts as a bill open.
    expect(ipc.call(UPDATE_IPC_CHANNELS.restartToUpdate, 'no')).toBe('refuse-bill-open');
    expect(updater.installs).toEqual([]);
    expect(ipc.call(UPDATE_IPC_CHANNELS.restartToUpdate, false)).toBe('restart-now');
    expect(updater.installs).toEqual([[true, true]]);
  });

  it('follows the beta channel without allowing downgrades, and the URL override', () => {
    const updater = new RecordingUpdater();
    // electron-updater's setter turns downgrades on; the wiring must turn them off after it.
    Object.defineProperty(updater, 'channel', {
      get: () => 'beta',
      set: () => {
        updater.allowDowngrade = true;
      },
    });
    running = startAutoUpdate({
      updater,
      ipcMain: fakeIpc(),
      env: { KIRYANA_UPDATE_CHANNEL: 'beta', KIRYANA_UPDATE_URL: 'https://updates.example.in/t' },
      log: () => undefined,
    });
    expect(running.settings?.channel).toBe('beta');
    expect(updater.allowDowngrade).toBe(false);
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'https://updates.example.in/t' }]);
  });

  it('a failed check or a wrong setting is logged and never thrown at the terminal', async () => {
    const logged: string[] = [];
    const log = (message: string) => {
      logged.push(message);
    };
    const offline = new RecordingUpdater();
    offline.failChecks = true;
    running = startAutoUpdate({ updater: offline, ipcMain: fakeIpc(), env: {}, log });
    await running.check();
    expect(logged).toContain('Update check failed:');
    running.stop();

    const misconfigured = new RecordingUpdater();
    const ipc = fakeIpc();
    running = startAutoUpdate({
      updater: misconfigured,
      ipcMain: ipc,
      env: { KIRYANA_UPDATE_CHANNEL: 'nightly' },
      log,
    });
    expect(running.settings).toBeNull();
    expect(misconfigured.checks).toBe(0);
    expect(logged).toContain('Updates are off: a wrong update setting.');
    // The renderer still gets answers.
    expect(ipc.call(UPDATE_IPC_CHANNELS.updateStatus)).toBeNull();
    expect(ipc.call(UPDATE_IPC_CHANNELS.restartToUpdate, false)).toBe('none');
  });
});
