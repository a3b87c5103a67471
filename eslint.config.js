// @ts-check
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

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.tsbuild/**',
      '**/coverage/**',
      '**/playwright-report/**',
      '**/test-results/**',
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
    },
  },
  {
    // The domain core must run unchanged in Node, a browser and Electron: no framework, no I/O.
    files: ['packages/shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: frameworkAndIo.map((name) => ({
            name,
            message: 'packages/shared is the pure domain core: no framework or I/O imports.',
          })),
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'path',
                'os',
                'crypto',
                'child_process',
                'http',
                'https',
                'net',
              ],
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
        },
      ],
    },
  },
  {
    // The sync client runs unchanged in a browser, the Electron renderer and Node: web-standard
    // APIs only (fetch, ReadableStream, TextDecoder), no framework, no Node built-ins.
    files: ['packages/sync-client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: frameworkAndIo.map((name) => ({
            name,
            message: 'packages/sync-client is framework-free: no framework or I/O imports.',
          })),
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'path',
                'os',
                'crypto',
                'child_process',
                'http',
                'https',
                'net',
              ],
              message: 'packages/sync-client runs in browsers: Node built-ins are not allowed.',
            },
            {
              group: ['@kiryana/*', '!@kiryana/shared', '../../apps/*', '**/apps/*'],
              message: 'packages/sync-client imports only @kiryana/shared of ours.',
            },
            ...frameworkAndIo.map((name) => ({
              group: [`${name}/*`],
              message: 'packages/sync-client is framework-free: no framework or I/O imports.',
            })),
          ],
        },
      ],
    },
  },
  {
    // Apps depend on packages, never on each other.
    files: ['apps/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
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
        },
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
