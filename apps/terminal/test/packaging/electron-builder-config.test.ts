import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { Configuration } from 'electron-builder';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { terminalBuildConfig, WINDOWS_SIGN_SCRIPT } from '../../electron-builder.config';

const APP_DIR = fileURLToPath(new URL('../..', import.meta.url));
const UPDATE_URL = 'https://updates.example.in/kiryana/terminal';

// electron-builder's own files, reached through its package (app-builder-lib is its dependency,
// not ours): the JSON schema it validates every configuration against, its config loader and
// its validator. The Electron binary is not needed for any of them.
const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const schema = JSON.parse(
  readFileSync(builderRequire.resolve('app-builder-lib/scheme.json'), 'utf8'),
) as object;
type Loaded = { result: unknown; configFile: string | null };
const { getConfig } = builderRequire('app-builder-lib/out/util/config/load') as {
  getConfig: (
    request: { packageKey: string; configFilename: string; projectDir: string },
    configPath: string,
  ) => Promise<Loaded>;
};
const { validateConfiguration } = builderRequire('app-builder-lib/out/util/config/config') as {
  validateConfiguration: (config: unknown, debug: { isEnabled: boolean }) => Promise<void>;
};
const { resolveFunction } = builderRequire('app-builder-lib/out/util/resolve') as {
  resolveFunction: (type: string, executor: string, name: string, root: string) => Promise<unknown>;
};

// The schema has electron-builder's own keywords (e.g. `typeof`): not strict, as in electron-builder.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('electron-builder.config.ts', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('loads through electron-builder and validates against its JSON schema', async () => {
    vi.stubEnv('KIRYANA_UPDATE_URL', UPDATE_URL);
    const loaded = await getConfig(
      { packageKey: 'build', configFilename: 'electron-builder', projectDir: APP_DIR },
      'electron-builder.config.ts',
    );
    expect(loaded.configFile).toBe(join(APP_DIR, 'electron-builder.config.ts'));
    const config = loaded.result as Configuration;
    expect(config.productName).toBe('Kiryana Terminal');
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
    await expect(validateConfiguration(config, { isEnabled: false })).resolves.toBeUndefined();
  });

  it('the schema check fails on a wrong option (so the check above can fail)', async () => {
    const config = terminalBuildConfig({ KIRYANA_UPDATE_URL: UPDATE_URL });
    const wrong = { ...config, nsis: { ...config.nsis, oneClik: false } };
    expect(validate(wrong)).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain('oneClik');
    await expect(validateConfiguration(wrong, { isEnabled: false })).rejects.toThrow(
      /configuration\.nsis/,
    );
  });

  it('builds NSIS, AppImage and deb, publishes to the chain URL, unpacks native modules', () => {
    const config = terminalBuildConfig({ KIRYANA_UPDATE_URL: UPDATE_URL });
    expect(config.appId).toBe('in.kiryana.terminal');
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.linux?.target).toEqual([
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ]);
    expect(config.linux?.category).toBe('Office');
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/);
    expect(config.deb?.depends).toContain('libsecret-1-0');
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: true,
      createDesktopShortcut: 'always',
      deleteAppDataOnUninstall: false,
    });
    expect(config.publish).toEqual([{ provider: 'generic', url: UPDATE_URL }]);
    expect(config.artifactName).toContain('${version}');
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(true);
    expect(config.forceCodeSigning).toBe(false);
  });

  it('packs what electron-vite builds: package.json "main" is inside the packed files', () => {
    const pkg = JSON.parse(readFileSync(join(APP_DIR, 'package.json'), 'utf8')) as { main: string };
    const config = terminalBuildConfig({ KIRYANA_UPDATE_URL: UPDATE_URL });
    expect(pkg.main).toMatch(/^\.\/dist\/electron\/main\//);
    expect(config.files).toContain('dist/electron/**/*');
    expect(existsSync(join(APP_DIR, 'build', 'icon.png'))).toBe(true);
  });

  it('refuses a build without an https update URL', () => {
    expect(() => terminalBuildConfig({})).toThrow(/KIRYANA_UPDATE_URL/);
    expect(() => terminalBuildConfig({ KIRYANA_UPDATE_URL: 'http://10.1.1.1/u' })).toThrow(/https/);
  });

  it('signs through the chain service with the hook script, or with a .pfx; releases must sign', () => {
    const service = terminalBuildConfig({
      KIRYANA_UPDATE_URL: UPDATE_URL,
      KIRYANA_SIGN_SERVICE_URL: 'https://sign.example.in/v1/sign',
      KIRYANA_WIN_PUBLISHER: 'Kiryana Retail Pvt Ltd',
      KIRYANA_RELEASE: '1',
    });
    expect(service.win?.signtoolOptions).toMatchObject({
      sign: WINDOWS_SIGN_SCRIPT,
      signingHashAlgorithms: ['sha256'],
      publisherName: 'Kiryana Retail Pvt Ltd',
    });
    expect(existsSync(WINDOWS_SIGN_SCRIPT)).toBe(true);
    expect(service.forceCodeSigning).toBe(true);
    expect(validate(service), JSON.stringify(validate.errors)).toBe(true);

    const pfx = terminalBuildConfig({ KIRYANA_UPDATE_URL: UPDATE_URL });
    expect(pfx.win?.signtoolOptions?.sign).toBeUndefined();

    // The updater checks downloaded installers against the publisher: it must be known.
    expect(() =>
      terminalBuildConfig({
        KIRYANA_UPDATE_URL: UPDATE_URL,
        KIRYANA_SIGN_SERVICE_URL: 'https://sign.example.in/v1/sign',
      }),
    ).toThrow(/KIRYANA_WIN_PUBLISHER/);
  });

  it('electron-builder finds the signing hook in the script, which fails clearly unconfigured', async () => {
    vi.stubEnv('KIRYANA_SIGN_SERVICE_URL', undefined);
    const hook = await resolveFunction('module', WINDOWS_SIGN_SCRIPT, 'sign', APP_DIR);
    expect(typeof hook).toBe('function');
    const sign = hook as (task: { path: string; hash: string; isNest: boolean }) => Promise<void>;
    await expect(sign({ path: 'app.exe', hash: 'sha256', isNest: false })).rejects.toThrow(
      /not configured: set KIRYANA_SIGN_SERVICE_URL/,
    );
  });
});
