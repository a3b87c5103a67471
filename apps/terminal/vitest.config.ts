import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'terminal',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.e2e.ts'],
    // The end-to-end suites start a sync server and Chromium; they need more than the default 5 s.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
