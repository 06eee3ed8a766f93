import { defineConfig } from 'vitest/config';

// The responder end to end: Debian's Alertmanager and `handbook serve` on loopback ports, one file at a time.
export default defineConfig({
  test: {
    include: ['tests/integration/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
