import { defineConfig } from 'vitest/config';

// Site builds of modified copies of the project (e.g. after `handbook rename`): slow, so kept out of the unit run.
export default defineConfig({
  test: {
    include: ['tests/build/**/*.test.ts'],
    testTimeout: 45 * 60_000,
    hookTimeout: 45 * 60_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
