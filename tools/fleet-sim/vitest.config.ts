import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'fleet-sim',
    include: ['src/**/*.test.ts'],
    // The system tests start server processes, a private Postgres and many terminal processes.
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
