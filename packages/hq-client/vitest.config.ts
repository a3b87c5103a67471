import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'hq-client',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    // generate.test.ts builds the server's document in a child process (tsx) and generates.
    testTimeout: 120_000,
  },
});
