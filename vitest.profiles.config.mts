import { defineConfig } from 'vitest/config';

// Scale profiles, tested by building each: a copy of the handbook per profile, linted, built and scanned.
// Each production build takes minutes on a loaded machine; the timeouts guard against hangs, they measure nothing.
export default defineConfig({
  test: {
    include: ['tests/profiles/**/*.test.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
