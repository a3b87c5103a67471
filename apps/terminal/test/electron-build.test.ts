import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'electron-vite';
import { describe, expect, it } from 'vitest';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

describe('the Electron build', () => {
  it('compiles main, a CommonJS preload and the renderer without the Electron binary', async () => {
    const outDir = join(APP_DIR, 'dist', 'electron');
    await build({ root: APP_DIR, logLevel: 'error' });
    const main = readFileSync(join(outDir, 'main', 'index.js'), 'utf8');
    const preload = readFileSync(join(outDir, 'preload', 'index.cjs'), 'utf8');
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
    expect(existsSync(join(outDir, 'renderer', 'index.html'))).toBe(true);
  });
});
