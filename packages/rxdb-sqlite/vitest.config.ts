import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'rxdb-sqlite', include: ['src/**/*.test.ts'], passWithNoTests: true },
});
