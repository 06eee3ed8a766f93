import { defineConfig } from 'vitest/config';

// The package as another site uses it: npm pack, install into a fresh Docusaurus site, build.
export default defineConfig({
  test: {
    include: ['tests/package/**/*.test.ts'],
    testTimeout: 900_000,
    hookTimeout: 900_000,
    pool: 'forks',
  },
});
