import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Arch, build as pack, Platform } from 'electron-builder';
import { build } from 'electron-vite';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { RUNTIME_NODE_MODULES, terminalBuildConfig } from '../electron-builder.config';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = join(APP_DIR, 'dist', 'electron');

// electron-builder's own dependencies, reached through it: its logger and the asar reader.
const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const libRequire = createRequire(builderRequire.resolve('app-builder-lib/package.json'));
const asar = libRequire('@electron/asar') as { listPackage: (archive: string) => string[] };
const builderLog = builderRequire('builder-util/out/log') as {
  setPrinter: (printer: ((message: string) => void) | null) => void;
};

/** Every module specifier the bundle loads at run time (ES imports and CommonJS requires). */
function loadedModules(bundle: string): Set<string> {
  const found = new Set<string>();
  const patterns = [
    /^import\s[^;]*?\sfrom\s"([^"]+)"/gm,
    /^import\s"([^"]+)"/gm,
    /\brequire\("([^"]+)"\)/g,
    /\bimport\("([^"]+)"\)/g,
  ];
  for (const pattern of patterns)
    for (const match of bundle.matchAll(pattern)) found.add(match[1] ?? '');
  return found;
}

// One file, run in order: the packing below reads what the first test builds.
describe('the Electron build', () => {
  let work: string | undefined;
  afterAll(() => {
    vi.unstubAllEnvs();
    builderLog.setPrinter(null);
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  it('compiles main, a CommonJS preload and the renderer without the Electron binary', async () => {
    await build({ root: APP_DIR, logLevel: 'error' });
    const main = readFileSync(join(OUT_DIR, 'main', 'index.js'), 'utf8');
    const preload = readFileSync(join(OUT_DIR, 'preload', 'index.cjs'), 'utf8');
    expect(main).toContain('from "electron"');
    // The native module stays outside the bundle, loaded from node_modules at run time.
    expect(main).toMatch(/from "better-sqlite3-multiple-ciphers"/);
    // The updater is bundled into main (electron-vite bundles the JavaScript dependencies) and
    // wired to the preload's "Restart to update" channel.
    expect(main).toContain('electron-updater/out/NsisUpdater.js');
    expect(main).toContain('electron-updater/out/AppImageUpdater.js');
    expect(main).toContain('"restart-to-update"');
    expect(preload).toContain('"restart-to-update"');
    expect(preload).toMatch(/require\("electron"\)/);
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).not.toContain('import ');
    expect(existsSync(join(OUT_DIR, 'renderer', 'index.html'))).toBe(true);
  });

  it('main loads nothing from node_modules that the installer does not ship', () => {
    const main = readFileSync(join(OUT_DIR, 'main', 'index.js'), 'utf8');
    const fromNodeModules = [...loadedModules(main)].filter(
      (name) => !isBuiltin(name) && name !== 'electron',
    );
    expect(fromNodeModules).toEqual(['better-sqlite3-multiple-ciphers']);
    expect(RUNTIME_NODE_MODULES).toContain('better-sqlite3-multiple-ciphers');
  });

  it('electron-builder packs it into an asar with the native module unpacked (stand-in Electron)', async () => {
    work = mkdtempSync(join(tmpdir(), 'kiryana-pack-'));
    // electron-builder copies an unpacked Electron and renames its executable; the real one
    // cannot be downloaded here, so a directory of the same shape stands in for it.
    const electronDist = join(work, 'electron');
    mkdirSync(join(electronDist, 'resources'), { recursive: true });
    for (const file of ['LICENSE', 'LICENSES.chromium.html', 'chrome-sandbox', 'version']) {
      writeFileSync(join(electronDist, file), '');
    }
    writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\n');
    chmodSync(join(electronDist, 'electron'), 0o755);
    const updateUrl = 'https://updates.example.in/kiryana/terminal/';
    // Fuses are flipped inside the real binary and the rebuild needs Electron's headers: both
    // need what cannot be downloaded here, everything else is the release configuration.
    const { electronFuses: _fuses, ...config } = terminalBuildConfig({
      KIRYANA_UPDATE_URL: updateUrl,
    });
    // electron-builder picks the package manager from the user agent of the command that runs
    // it: the project's (pnpm) collects the dependency tree far faster than `npm ls` would here.
    vi.stubEnv('npm_config_user_agent', 'pnpm/12.4.2');
    const messages: string[] = [];
    builderLog.setPrinter((message) => messages.push(message));
    await pack({
      projectDir: APP_DIR,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      publish: 'never',
      config: {
        ...config,
        electronDist,
        npmRebuild: false,
        directories: { ...config.directories, output: join(work, 'release') },
      },
    }).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${messages.join('\n')}`);
    });

    const app = join(work, 'release', 'linux-unpacked');
    expect(existsSync(join(app, 'kiryana-terminal'))).toBe(true);
    expect(readFileSync(join(app, 'resources', 'app-update.yml'), 'utf8')).toContain(
      `url: ${updateUrl}`,
    );
    const files = asar.listPackage(join(app, 'resources', 'app.asar'));
    for (const built of [
      '/package.json',
      '/dist/electron/main/index.js',
      '/dist/electron/preload/index.cjs',
      '/dist/electron/renderer/index.html',
    ]) {
      expect(files).toContain(built);
    }
    const packages = new Set(
      files.flatMap((file) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1] ?? []),
    );
    expect([...packages].sort()).toEqual([...RUNTIME_NODE_MODULES].sort());
    expect(files.filter((file) => file.endsWith('.map') || file.endsWith('.cpp'))).toEqual([]);
    // A native addon cannot be loaded from inside the archive.
    expect(
      existsSync(
        join(
          app,
          'resources',
          'app.asar.unpacked',
          'node_modules',
          'better-sqlite3-multiple-ciphers',
          'build',
          'Release',
          'better_sqlite3.node',
        ),
      ),
    ).toBe(true);
  }, 90_000);
});
