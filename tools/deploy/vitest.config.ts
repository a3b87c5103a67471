import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'deploy',
    include: ['src/**/*.test.ts'],
    // The image test may build the server bundle first (esbuild, a few seconds on a busy machine).
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
