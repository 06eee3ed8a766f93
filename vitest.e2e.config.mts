import { defineConfig } from 'vitest/config';

// Browser tests: drive the production build (build/) served on localhost with Debian's Chromium.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: 'forks',
    // A browser test can lose a race with the service worker or the search index loading; one retry, reported.
    retry: 1,
  },
});
