import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'sync-server',
    include: ['src/**/*.test.ts'],
    passWithNoTests: true,
    // Set-up hooks open PGlite (WASM) and migrate fresh databases; on a loaded 2-core CI machine
    // that can take well over the 10 s default.
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
