import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // A guard against hangs, not a speed check: CLI tests spawn processes, which take long on a loaded machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'threads',
  },
});
