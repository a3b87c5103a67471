import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.config';

// Workspace packages are consumed from TypeScript source, so they must be bundled, not required.
const bundled = ['@kiryana/shared', '@kiryana/rxdb-sqlite', 'rxdb', 'rxjs'];

export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: bundled },
      outDir: fileURLToPath(new URL('./dist/electron/main', import.meta.url)),
      rollupOptions: {
        input: { index: fileURLToPath(new URL('./src/main/index.ts', import.meta.url)) },
        // A native module (SQLite with SQLCipher-compatible encryption): loaded from
        // node_modules at run time (rebuilt for Electron's ABI when packaging), never bundled.
        external: ['better-sqlite3-multiple-ciphers'],
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can only require 'electron': everything else is bundled in.
      externalizeDeps: false,
      outDir: fileURLToPath(new URL('./dist/electron/preload', import.meta.url)),
      rollupOptions: {
        input: { index: fileURLToPath(new URL('./src/preload/index.ts', import.meta.url)) },
        // Sandboxed preloads are CommonJS scripts.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: {
      outDir: fileURLToPath(new URL('./dist/electron/renderer', import.meta.url)),
      rollupOptions: {
        input: { index: fileURLToPath(new URL('./src/renderer/index.html', import.meta.url)) },
      },
    },
  },
});
