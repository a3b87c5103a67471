import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'admin-web', include: ['src/**/*.test.ts'], passWithNoTests: true },
});
