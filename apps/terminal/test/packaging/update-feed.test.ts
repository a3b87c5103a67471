import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type RequestOptions,
  type Server,
} from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import electronUpdater from 'electron-updater';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UPDATE_IPC_CHANNELS } from '../../src/bridge/bridge-api';
import { startAutoUpdate, type AutoUpdate } from '../../src/main/auto-update';

/**
 * The real electron-updater (its Linux AppImage updater) against an update folder served on
 * loopback, as a chain's server would serve what electron-builder writes: latest-linux.yml,
 * beta-linux.yml and the AppImage. Only Electron is replaced: the app adapter (version, paths) and
 * the transport under electron-updater's HTTP executor (Node's http instead of Electron's `net`).
 */

// electron-updater's executor with Node's http in place of Electron's `net` (same request API).
const updaterRequire = createRequire(createRequire(import.meta.url).resolve('electron-updater'));
const { ElectronHttpExecutor } = updaterRequire('./electronHttpExecutor') as {
  ElectronHttpExecutor: new (proxyLogin: null) => object;
};
class NodeNetExecutor extends ElectronHttpExecutor {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void) {
    return httpRequest(options, callback);
  }
}

const INSTALLED_VERSION = '1.0.0';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

type Release = { version: string; bytes: Buffer; staging?: number; sha512Of?: Buffer };

/** latest-linux.yml / beta-linux.yml as electron-builder writes them. */
function channelFile(release: Release): string {
  const name = `kiryana-terminal-${release.version}-linux-x86_64.AppImage`;
  const sha512 = createHash('sha512')
    .update(release.sha512Of ?? release.bytes)
    .digest('base64');
  return [
    `version: ${release.version}`,
    'files:',
    `  - url: ${name}`,
    `    sha512: ${sha512}`,
    `    size: ${release.bytes.length}`,
    `path: ${name}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-12-07T09:00:00.000Z'",
    ...(release.staging === undefined ? [] : [`stagingPercentage: ${release.staging}`]),
    '',
  ].join('\n');
}

describe('auto-update against a served update folder (real electron-updater)', () => {
  let dir: string;
  let server: Server;
  let feedUrl: string;
  let served: Map<string, Buffer>;
  let running: AutoUpdate | undefined;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiryana-update-'));
    served = new Map();
    server = createServer((request, response) => {
      const body = served.get(new URL(request.url ?? '/', 'http://x').pathname);
      if (body === undefined) response.writeHead(404).end();
      else response.writeHead(200, { 'content-length': body.length }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/terminal/`;
    // What electron-builder writes into the app's resources from the `publish` setting.
    writeFileSync(
      join(dir, 'app-update.yml'),
      `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: kiryana-terminal-updater\n`,
    );
    // The AppImage the terminal runs from (the updater replaces it on quit).
    writeFileSync(join(dir, 'running.AppImage'), 'old');
    vi.stubEnv('APPIMAGE', join(dir, 'running.AppImage'));
  });

  afterEach(() => {
    running?.stop();
    running = undefined;
    vi.unstubAllEnvs();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function publish(file: string, release: Release): void {
    served.set(`/terminal/${file}`, Buffer.from(channelFile(release)));
    served.set(
      `/terminal/kiryana-terminal-${release.version}-linux-x86_64.AppImage`,
      release.bytes,
    );
  }

  function installedUpdater() {
    const updater = new electronUpdater.AppImageUpdater(null, {
      version: INSTALLED_VERSION,
      name: 'Kiryana Terminal',
      isPackaged: true,
      appUpdateConfigPath: join(dir, 'app-update.yml'),
      userDataPath: join(dir, 'user-data'),
      baseCachePath: join(dir, 'cache'),
      whenReady: () => Promise.resolve(),
      relaunch: () => undefined,
      quit: () => undefined,
      onQuit: () => undefined,
    });
    (updater as unknown as { httpExecutor: unknown }).httpExecutor = new NodeNetExecutor(null);
    updater.logger = silent;
    // Installing would replace this process's AppImage: recorded, not run.
    const installs: unknown[] = [];
    updater.quitAndInstall = (...args: unknown[]) => {
      installs.push(args);
    };
    const downloaded = new Promise<string>((resolve, reject) => {
      updater.on('update-downloaded', (info) => {
        resolve(info.version);
      });
      updater.on('error', reject);
    });
    return { updater, installs, downloaded };
  }

  function fakeIpc() {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
    return {
      handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => unknown) => {
        handlers.set(channel, listener);
      },
      call: (channel: string, ...args: unknown[]) => handlers.get(channel)?.({}, ...args),
    };
  }

  it('downloads a newer stable release in the background and installs only when allowed', async () => {
    const bytes = Buffer.from('the 1.1.0 AppImage');
    publish('latest-linux.yml', { version: '1.1.0', bytes });
    const { updater, installs, downloaded } = installedUpdater();
    const ipc = fakeIpc();
    running = startAutoUpdate({ updater, ipcMain: ipc, env: {}, log: () => undefined });
    expect(await downloaded).toBe('1.1.0');
    expect(ipc.call(UPDATE_IPC_CHANNELS.updateStatus)).toBe('1.1.0');
    expect(installs).toEqual([]);
    expect(ipc.call(UPDATE_IPC_CHANNELS.restartToUpdate, true)).toBe('refuse-bill-open');
    expect(installs).toEqual([]);
    expect(ipc.call(UPDATE_IPC_CHANNELS.restartToUpdate, false)).toBe('restart-now');
    expect(installs).toEqual([[true, true]]);
  });

  it('a beta terminal reads beta-linux.yml; a stable one ignores it', async () => {
    publish('latest-linux.yml', { version: '1.1.0', bytes: Buffer.from('stable') });
    publish('beta-linux.yml', { version: '1.2.0-beta.1', bytes: Buffer.from('beta') });
    const beta = installedUpdater();
    running = startAutoUpdate({
      updater: beta.updater,
      ipcMain: fakeIpc(),
      env: { KIRYANA_UPDATE_CHANNEL: 'beta' },
      log: () => undefined,
    });
    expect(await beta.downloaded).toBe('1.2.0-beta.1');
  });

  it('a staged release at 0 % is not taken; a download that fails its sha512 is not installable', async () => {
    publish('latest-linux.yml', { version: '1.1.0', bytes: Buffer.from('x'), staging: 0 });
    const staged = installedUpdater();
    const result = await staged.updater.checkForUpdates();
    expect(result?.isUpdateAvailable).toBe(false);

    publish('latest-linux.yml', {
      version: '1.1.0',
      bytes: Buffer.from('tampered on the way'),
      sha512Of: Buffer.from('what was built'),
    });
    const tampered = installedUpdater();
    const ipc = fakeIpc();
    running = startAutoUpdate({
      updater: tampered.updater,
      ipcMain: ipc,
      env: {},
      log: () => undefined,
    });
    await expect(tampered.downloaded).rejects.toThrow(/sha512 checksum mismatch/);
    expect(ipc.call(UPDATE_IPC_CHANNELS.updateStatus)).toBeNull();
    expect(ipc.call(UPDATE_IPC_CHANNELS.restartToUpdate, false)).toBe('none');
  });
});
