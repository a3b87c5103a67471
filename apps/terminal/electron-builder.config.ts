/**
 * electron-builder: the installers of the cashier terminal (Windows NSIS, Linux AppImage and deb)
 * and the update feed that electron-updater reads. electron-builder loads this file itself
 * (`pnpm --filter @kiryana/terminal dist`); the default export is a function so that the
 * environment is read when a build starts, not when a test imports the file.
 *
 * Environment (docs/releasing-terminal.md):
 *   KIRYANA_UPDATE_URL            required: https:// folder the chain serves the installers and
 *                                 latest.yml / latest-linux.yml from; built into the app
 *   KIRYANA_RELEASE=1             refuse to produce an unsigned Windows installer
 *   CSC_LINK, CSC_KEY_PASSWORD    a .pfx certificate (read by electron-builder itself), or
 *   KIRYANA_SIGN_SERVICE_URL      the chain's signing service (HSM): scripts/sign-windows.mjs sends
 *                                 each file there; needs KIRYANA_WIN_PUBLISHER too
 *   KIRYANA_WIN_PUBLISHER         the certificate's subject CN, which the updater checks on every
 *                                 downloaded installer (derived from CSC_LINK when that is used)
 *   KIRYANA_TIMESTAMP_URL         RFC 3161 time-stamp server (default DigiCert's)
 */
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'electron-builder';

type Env = Readonly<Record<string, string | undefined>>;

/** The custom Windows signing hook, used when the chain signs through its own service. */
export const WINDOWS_SIGN_SCRIPT = fileURLToPath(
  new URL('./scripts/sign-windows.mjs', import.meta.url),
);

/**
 * The packages the main bundle loads from node_modules at run time: the native SQLite module
 * (kept out of the bundle in electron.vite.config.ts) and what its loader requires.
 */
export const RUNTIME_NODE_MODULES = [
  'better-sqlite3-multiple-ciphers',
  'bindings',
  'file-uri-to-path',
] as const;

/** The Windows signing part: a .pfx (electron-builder's own signtool run) or the chain's service. */
function windowsSigning(env: Env): NonNullable<Configuration['win']>['signtoolOptions'] {
  const viaService = env.KIRYANA_SIGN_SERVICE_URL !== undefined;
  const publisher = env.KIRYANA_WIN_PUBLISHER;
  if (viaService && publisher === undefined) {
    // Without it electron-updater cannot check the downloaded installer's signature.
    throw new Error('KIRYANA_SIGN_SERVICE_URL is set but KIRYANA_WIN_PUBLISHER is not.');
  }
  return {
    // SHA-1 signatures are no longer accepted by Windows; one SHA-256 signature is enough.
    signingHashAlgorithms: ['sha256'],
    rfc3161TimeStampServer: env.KIRYANA_TIMESTAMP_URL ?? 'http://timestamp.digicert.com',
    ...(viaService ? { sign: WINDOWS_SIGN_SCRIPT } : {}),
    ...(publisher === undefined ? {} : { publisherName: publisher }),
  };
}

/** The configuration for an environment; throws on a missing or unsafe update URL. */
export function terminalBuildConfig(env: Env): Configuration {
  const updateUrl = env.KIRYANA_UPDATE_URL;
  if (updateUrl === undefined || !/^https:\/\/[^/]/.test(updateUrl)) {
    throw new Error(
      'KIRYANA_UPDATE_URL must be the https:// address the terminals download updates from ' +
        `(got ${updateUrl === undefined ? 'nothing' : `"${updateUrl}"`}).`,
    );
  }
  return {
    appId: 'in.kiryana.terminal',
    productName: 'Kiryana Terminal',
    copyright: 'Kiryana',
    directories: { output: 'release', buildResources: 'build' },
    // The electron-vite output (main, preload, renderer) and package.json ("main" points into it).
    // electron-vite bundles every JavaScript dependency into main (test/electron-build.test.ts
    // checks that nothing else is loaded from node_modules), so of node_modules only the native
    // SQLite module ships: its loader and compiled addon, not its C sources or build objects.
    files: [
      'dist/electron/**/*',
      'package.json',
      '!**/*.map',
      '!node_modules/**/*',
      ...RUNTIME_NODE_MODULES.map((name) => `node_modules/${name}/**/*`),
      '!node_modules/better-sqlite3-multiple-ciphers/{src,deps,docs}/**/*',
      '!node_modules/better-sqlite3-multiple-ciphers/build/**/{obj,obj.target}/**/*',
      '!node_modules/better-sqlite3-multiple-ciphers/build/**/{*.a,test_extension.node}',
    ],
    asar: true,
    // Native modules cannot be loaded from inside an asar archive: SQLite's .node stays a file.
    asarUnpack: ['**/*.node'],
    // better-sqlite3-multiple-ciphers is rebuilt against Electron's Node ABI (not the Node that
    // runs the build): prebuilt binaries for Electron are fetched when they exist, else compiled,
    // so the build machine needs Python and a C++ toolchain for a new Electron version.
    npmRebuild: true,
    buildDependenciesFromSource: false,
    nodeGypRebuild: false,
    // Locks down what a copied or tampered install can be made to run.
    electronFuses: {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    },
    artifactName: 'kiryana-terminal-${version}-${os}-${arch}.${ext}',
    // A stable release also writes beta.yml, so beta terminals take stable releases newer than theirs.
    generateUpdatesFilesForAllChannels: true,
    publish: [{ provider: 'generic', url: updateUrl }],
    forceCodeSigning: env.KIRYANA_RELEASE === '1',
    win: {
      target: [{ target: 'nsis', arch: ['x64'] }],
      signtoolOptions: windowsSigning(env),
      verifyUpdateCodeSignature: true,
    },
    nsis: {
      // An assisted installer: the person installing chooses this user or all users of the PC
      // (per-machine needs an administrator), and the folder.
      oneClick: false,
      perMachine: false,
      allowElevation: true,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: 'always',
      createStartMenuShortcut: true,
      shortcutName: 'Kiryana Terminal',
      runAfterFinish: true,
      // The encrypted database and its key live in the user's data folder: an uninstall (or an
      // update, which uninstalls the old version first) must never delete unsynced bills.
      deleteAppDataOnUninstall: false,
      differentialPackage: true,
    },
    linux: {
      target: [
        { target: 'AppImage', arch: ['x64'] },
        { target: 'deb', arch: ['x64'] },
      ],
      category: 'Office',
      executableName: 'kiryana-terminal',
      maintainer: 'Kiryana <support@kiryana.example>',
      vendor: 'Kiryana',
      synopsis: 'Offline-first billing for kiryana stores',
      description:
        'The cashier terminal of Kiryana: billing, returns and stock at the counter, offline first.',
    },
    deb: {
      // electron-builder's defaults, plus the sound library and GBM Chromium links against, and
      // a secret service: without a keyring the terminal refuses to start (docs/security.md).
      depends: [
        'libgtk-3-0',
        'libnotify4',
        'libnss3',
        'libxss1',
        'libxtst6',
        'xdg-utils',
        'libatspi2.0-0',
        'libuuid1',
        'libsecret-1-0',
        'libgbm1',
        'libasound2 | libasound2t64',
        'gnome-keyring | kwalletmanager | keepassxc',
      ],
      priority: 'optional',
    },
  };
}

export default (): Configuration => terminalBuildConfig(process.env);
