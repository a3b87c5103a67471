import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'admin-web',
    include: ['src/**/*.test.ts', 'e2e/**/*.e2e.ts'],
    // The end-to-end suite builds the app, starts a sync server on Postgres and Chromium.
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
