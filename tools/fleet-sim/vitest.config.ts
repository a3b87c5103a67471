import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'fleet-sim',
    include: ['src/**/*.test.ts'],
    // The system tests start server processes, a private Postgres and twenty terminal processes:
    // one file at a time, so they do not starve each other on a two-core machine.
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
