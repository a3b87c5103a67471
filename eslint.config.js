// @ts-check
import { readFileSync, readdirSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const frameworkAndIo = [
  'react',
  'react-dom',
  'react-i18next',
  'hono',
  'pg',
  'rxdb',
  'rxjs',
  'electron',
  '@electric-sql/pglite',
  'better-sqlite3',
  'pino',
];

/** The sync client may use RxDB and rxjs, its peers: it replicates the app's own collections. */
const syncClientForbidden = frameworkAndIo.filter((name) => name !== 'rxdb' && name !== 'rxjs');

const nodeBuiltIns = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
];

/**
 * The workspace's packages, read from their package.json: folder, name and the entries of their
 * "exports". A package is reached from another only by an exported entry; a wildcard entry is a
 * door into the package's files, so it does not count as an entry here.
 */
const workspace = ['apps', 'packages', 'tools', 'examples'].flatMap((group) =>
  readdirSync(new URL(`./${group}/`, import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const manifest = JSON.parse(
        readFileSync(new URL(`./${group}/${entry.name}/package.json`, import.meta.url), 'utf8'),
      );
      const exported = Object.keys(manifest.exports ?? {}).filter((key) => !key.includes('*'));
      return { folder: entry.name, name: String(manifest.name), exported };
    }),
);

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Package boundaries, for every file: another package only through its "exports" (not its src/,
 * not the terminal's renderer/), and no relative path that climbs into another package's folder.
 * Without this a tool or app grows a dependency on another package's internals that nobody sees
 * until a file moves.
 */
const deepImportPatterns = [
  ...workspace.map(({ name, exported }) => {
    const entries = exported.filter((key) => key !== '.').map((key) => escapeRegex(key.slice(2)));
    return {
      regex: `^${escapeRegex(name)}/${entries.length > 0 ? `(?!(${entries.join('|')})$)` : ''}`,
      message: `Import ${name} only through an entry of its package.json "exports" (${exported.join(', ') || 'none'}); its files are private.`,
    };
  }),
  {
    regex: `^(\\.\\./)+(apps|packages|tools|examples|${workspace.map((p) => escapeRegex(p.folder)).join('|')})/`,
    message:
      'A relative import may not climb into another package: import it by name through its "exports".',
  },
];

/** `no-restricted-imports` options: the given restrictions plus the package boundaries. */
function restrictImports({ paths = [], patterns = [] } = {}) {
  return ['error', { paths, patterns: [...patterns, ...deepImportPatterns] }];
}

/**
 * Layers inside the sync server (routes → services → queries), checked with typescript-eslint's
 * copy of no-restricted-imports so they add to the package boundaries above instead of replacing
 * them. A feature folder (features/<name>/) shows others three kinds of file: `*.routes.ts` (what
 * the app and the admin API mount), `*.service.ts` (what it does, transactions included) and
 * `*.schemas.ts` (what it accepts and answers). Its queries and other helpers are its own: another
 * feature that needs them calls the service, or the helper moves down to db/ or http/. Tests and
 * `*-test-kit.ts` fixtures may reach further.
 */
const otherFeatureInternals = {
  regex: '^\\.\\./[^./][^/]*/(?![^/]*\\.(routes|service|schemas)$)',
  message:
    "Another feature's internals: use its *.service.ts, *.schemas.ts or *.routes.ts, or move the helper to db/ or http/.",
};
const routesToQueries = {
  regex: '\\.queries$',
  message: 'Routes call a service, never queries: routes → services → queries.',
};
const serverLayerFiles = ['apps/sync-server/src/features/*/*.ts'];
const serverLayerExempt = ['**/*.test.ts', '**/*-test-kit.ts'];

/**
 * Only env modules read the environment: files named `env.ts` or `*-env.ts` parse it once and
 * hand typed values to everything else, so a setting has one name, one default and one check.
 * Build and test tool configs and the repository's own Node scripts are env modules by nature.
 */
const envModules = ['**/env.ts', '**/*-env.ts', '**/*.config.{ts,js,mjs}', 'scripts/*.mjs'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.tsbuild/**',
      '**/coverage/**',
      '**/playwright-report/**',
      '**/test-results/**',
      // Generated from the server's OpenAPI document (`pnpm --filter @kiryana/hq-client generate`).
      'packages/hq-client/src/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSEnumDeclaration',
          message: 'Use a string-literal union instead of an enum.',
        },
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
      ],
      'no-restricted-imports': restrictImports(),
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message:
            'Read the environment in an env module (env.ts or *-env.ts) and pass the values in.',
        },
      ],
    },
  },
  {
    files: envModules,
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The domain core must run unchanged in Node, a browser and Electron: no framework, no I/O.
    files: ['packages/shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports({
        paths: frameworkAndIo.map((name) => ({
          name,
          message: 'packages/shared is the pure domain core: no framework or I/O imports.',
        })),
        patterns: [
          {
            group: nodeBuiltIns,
            message: 'packages/shared is the pure domain core: Node built-ins are not allowed.',
          },
          {
            group: ['@kiryana/*', '../../apps/*', '**/apps/*'],
            message: 'packages/shared imports nothing of ours.',
          },
          ...frameworkAndIo.map((name) => ({
            group: [`${name}/*`],
            message: 'packages/shared is the pure domain core: no framework or I/O imports.',
          })),
        ],
      }),
    },
  },
  {
    // The sync client runs unchanged in a browser, the Electron renderer and Node: web-standard
    // APIs only (fetch, ReadableStream, TextDecoder), no UI framework, no Node built-ins. Its
    // replication is RxDB's (the terminal's database and the server tests' in-memory ones), so
    // rxdb and rxjs are the two libraries it may use.
    files: ['packages/sync-client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports({
        paths: syncClientForbidden.map((name) => ({
          name,
          message: 'packages/sync-client is framework-free: no framework or I/O imports.',
        })),
        patterns: [
          {
            group: nodeBuiltIns,
            message: 'packages/sync-client runs in browsers: Node built-ins are not allowed.',
          },
          {
            group: ['@kiryana/*', '!@kiryana/shared', '../../apps/*', '**/apps/*'],
            message: 'packages/sync-client imports only @kiryana/shared of ours.',
          },
          ...syncClientForbidden.map((name) => ({
            group: [`${name}/*`],
            message: 'packages/sync-client is framework-free: no framework or I/O imports.',
          })),
        ],
      }),
    },
  },
  {
    // The HQ client is what an integrator installs on its own: it imports nothing of ours, and
    // the example integration only the client (it shows what an HQ system needs, no more).
    files: ['packages/hq-client/src/**/*.ts', 'examples/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports({
        patterns: [
          {
            group: ['@kiryana/*', '!@kiryana/hq-client'],
            message:
              'HQ integrations use @kiryana/hq-client only: nothing else of ours ships to them.',
          },
        ],
      }),
    },
  },
  {
    // Apps depend on packages, never on each other.
    files: ['apps/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrictImports({
        patterns: [
          {
            group: [
              '@kiryana/terminal',
              '@kiryana/terminal/*',
              '@kiryana/sync-server',
              '@kiryana/sync-server/*',
              '@kiryana/admin-web',
              '@kiryana/admin-web/*',
              '**/apps/*',
              '../../*/src/*',
            ],
            message: 'Apps never import other apps: move shared code into packages/*.',
          },
        ],
      }),
    },
  },
  {
    files: serverLayerFiles,
    ignores: serverLayerExempt,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [otherFeatureInternals] }],
    },
  },
  {
    files: ['apps/sync-server/src/features/*/*.routes.ts'],
    ignores: serverLayerExempt,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [otherFeatureInternals, routesToQueries] },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.config.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.config.ts', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  prettier,
);
